# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.oa_base.tools.names import check_not_blank

STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("archived", "Archived"),
]
AUDIENCES = [
    ("group", "Whole Group"),
    ("units", "Chosen Units"),
    ("own", "Own Unit"),
]


class OaArticle(models.Model):
    """An article of a column: a news item, a notice or a knowledge page.

    Its state and publish date move only through the transitions; who may
    read it is its audience (whole group, chosen units, its own unit),
    enforced by record rules, which also protect its attachments (owned by
    the article: ``oa.attachment.owner``).

    The flow-owned fields (``oa.flow.guard``) are written by the
    transitions only; the unit and kind follow the column."""

    _name = "oa.article"
    _description = "OA Article"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "oa.flow.guard",
        "oa.attachment.owner",
    ]
    _oa_flow_fields = (
        "state",
        "publish_date",
        "author_id",
        "unit_id",
        "kind",
        "read_ids",
    )
    _order = "is_pinned desc, publish_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(sanitize_style=True)
    cover_image = fields.Image(max_width=1024, max_height=1024)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_article_attachment_rel",
        "article_id",
        "attachment_id",
        string="Attachments",
        copy=False,  # they are the original's (oa.attachment.owner)
    )
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        readonly=True,
        copy=False,  # a copy is its copier's (oa.flow.guard)
    )
    column_id = fields.Many2one(
        "oa.column",
        string="Column",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    unit_id = fields.Many2one(
        related="column_id.unit_id", store=True, index=True, string="Unit"
    )
    kind = fields.Selection(related="column_id.kind", store=True, index=True)
    tag_ids = fields.Many2many("oa.article.tag", string="Tags")
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    publish_date = fields.Datetime(index=True, copy=False, readonly=True)
    expiry_date = fields.Datetime(
        help="After this date the article no longer shows on the workbench."
    )
    is_pinned = fields.Boolean(string="Pinned", help="Shown first (置顶).")
    audience = fields.Selection(
        AUDIENCES,
        default="own",
        required=True,
        tracking=True,
        help="Who may read the article once published.",
    )
    audience_unit_ids = fields.Many2many(
        "hr.department",
        "oa_article_audience_unit_rel",
        "article_id",
        "unit_id",
        string="Audience Units",
        domain=[("is_oa_unit", "=", True)],
    )
    requires_read = fields.Boolean(
        string="Requires Reading",
        help="Shown in the 待阅 list of every reader until read.",
    )
    requires_ack = fields.Boolean(
        string="Requires Acknowledgement",
        help="Readers confirm with 我已阅知 (once).",
    )
    read_ids = fields.One2many("oa.article.read", "article_id", string="Readers")
    read_count = fields.Integer(string="Read", compute="_compute_read_stats")
    ack_count = fields.Integer(string="Acknowledged", compute="_compute_read_stats")
    audience_count = fields.Integer(
        string="Audience Size", compute="_compute_read_stats"
    )
    unread_user_ids = fields.Many2many(
        "res.users", string="Not Read Yet", compute="_compute_read_stats"
    )
    is_read = fields.Boolean(string="Read by Me", compute="_compute_my_read")
    is_acknowledged = fields.Boolean(
        string="Acknowledged by Me", compute="_compute_my_read"
    )
    can_manage = fields.Boolean(compute="_compute_can_manage")

    # ---- Compute ----

    def _compute_can_manage(self):
        for article in self:
            article.can_manage = bool(
                article.column_id
            ) and article.column_id._oa_user_can_publish(self.env.user)

    def _compute_my_read(self):
        rows = {
            read.article_id.id: read
            for read in self.env["oa.article.read"]
            .sudo()
            .search([("article_id", "in", self.ids), ("user_id", "=", self.env.uid)])
        }
        for article in self:
            read = rows.get(article.id)
            article.is_read = bool(read)
            article.is_acknowledged = bool(read and read.ack_date)

    def _compute_read_stats(self):
        Users = self.env["res.users"]
        for article in self:
            if not article.id or not article.can_manage:
                article.update(
                    {
                        "read_count": 0,
                        "ack_count": 0,
                        "audience_count": 0,
                        "unread_user_ids": False,
                    }
                )
                continue
            stats = article._oa_read_status_rows()
            article.read_count = sum(row["read"] for row in stats)
            article.ack_count = sum(row["acknowledged"] for row in stats)
            article.audience_count = sum(row["audience"] for row in stats)
            article.unread_user_ids = Users.browse(article._oa_unread_user_ids())

    # ---- Constraints ----

    @api.constrains("name")
    def _check_name_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("audience", "audience_unit_ids")
    def _check_audience(self):
        for article in self:
            if article.audience == "units" and not article.audience_unit_ids:
                raise ValidationError(
                    self.env._(
                        "“%(title)s” is addressed to chosen units: choose at least "
                        "one unit.",
                        title=article.name,
                    )
                )

    @api.constrains("requires_ack", "requires_read")
    def _check_ack_requires_read(self):
        for article in self:
            if article.requires_ack and not article.requires_read:
                raise ValidationError(
                    self.env._(
                        "“%(title)s”: an article that requires acknowledgement also "
                        "requires reading.",
                        title=article.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        articles = super().create(vals_list)
        articles._oa_check_can_edit()
        return articles

    def write(self, vals):
        self._oa_check_can_edit()
        res = super().write(vals)
        if "column_id" in vals:
            self._oa_check_can_edit()
        return res

    def _oa_check_can_edit(self):
        if self.env.su:
            return
        for article in self:
            if not article.column_id._oa_user_can_publish(self.env.user):
                raise AccessError(
                    self.env._(
                        "Only the publishers of “%(column)s” and the administrators "
                        "of %(unit)s may write its articles.",
                        column=article.column_id.sudo().complete_name,
                        unit=article.column_id.sudo().unit_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for article in self:
            if article.state != "draft" and not self.env.su:
                raise UserError(
                    self.env._(
                        "“%(title)s” has been published: archive it instead of "
                        "deleting it.",
                        title=article.name,
                    )
                )

    # ---- Actions: the flow ----

    def _oa_check_state(self, allowed, action):
        for article in self:
            if article.state not in allowed:
                raise UserError(
                    self.env._(
                        "“%(title)s” is %(state)s: it cannot be %(action)s.",
                        title=article.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[article.state],
                        action=action,
                    )
                )

    def _check_can_manage(self):
        """The current user manages these articles: he publishes, archives
        and resets them, reminds their readers and reads their receipts
        (``can_manage`` shows the buttons)."""
        self.check_access("write")
        self._oa_check_can_edit()

    def action_publish(self):
        """草稿 → 已发布; the publisher is told where it is published."""
        self._check_can_publish()
        self._do_publish()
        return self._oa_published_notice()

    def _check_can_publish(self):
        self._oa_check_state(["draft"], self.env._("published"))
        self._check_can_manage()

    def _do_publish(self):
        for article in self:
            article.sudo().write(
                {
                    "state": "published",
                    "publish_date": article.publish_date or fields.Datetime.now(),
                }
            )

    def _track_subtype(self, init_values):
        """Its publication is an event of its own: a follower may follow it
        alone."""
        self.ensure_one()
        if "state" in init_values and self.state == "published":
            return self.env.ref("oa_portal_columns.mt_article_published")
        return super()._track_subtype(init_values)

    def _oa_published_notice(self):
        """The notification shown to the publisher: what is published, in
        which column of which unit; then the form reloads its record to show
        its new state (closing the action reloads the record, also one
        created in this form; ``soft_reload`` would open a new one)."""
        if len(self) == 1:
            column = self.column_id.sudo()
            message = self.env._(
                "“%(title)s” is published in the column “%(column)s” of %(unit)s.",
                title=self.name,
                column=column.complete_name,
                unit=column.unit_id.display_name,
            )
        else:
            message = self.env._("%(count)s articles are published.", count=len(self))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Article Published"),
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_archive_article(self):
        """已发布 → 已归档: no longer listed, still readable by its audience."""
        self._check_can_archive()
        self._do_archive()
        return True

    def _check_can_archive(self):
        self._oa_check_state(["published"], self.env._("archived"))
        self._check_can_manage()

    def _do_archive(self):
        self.sudo().write({"state": "archived"})

    def action_reset_draft(self):
        """已归档 → 草稿, to correct and publish again."""
        self._check_can_reset_draft()
        self._do_reset_draft()
        return True

    def _check_can_reset_draft(self):
        self._oa_check_state(["archived"], self.env._("returned to draft"))
        self._check_can_manage()

    def _do_reset_draft(self):
        self.sudo().write({"state": "draft"})

    # ---- Actions: reading ----

    def _oa_check_readable(self):
        """The reader must be in the audience of a published article."""
        self.check_access("read")
        for article in self:
            if article.state != "published":
                raise UserError(
                    self.env._(
                        "“%(title)s” is not published: only published articles are "
                        "read and acknowledged.",
                        title=article.name,
                    )
                )

    def action_mark_read(self):
        """Record that the current user has read the articles: one upsert
        statement, never a write on the article."""
        if not self:
            return True
        self._oa_check_readable()
        self.env["oa.article.read"]._oa_upsert(self, self.env.user)
        return True

    def action_acknowledge(self):
        """我已阅知: the reader confirms once."""
        self.ensure_one()
        self._oa_check_readable()
        if not self.requires_ack:
            raise UserError(
                self.env._(
                    "“%(title)s” does not ask for an acknowledgement.",
                    title=self.name,
                )
            )
        if not self.env["oa.article.read"]._oa_upsert(
            self, self.env.user, acknowledge=True
        ):
            raise UserError(
                self.env._(
                    "You have already acknowledged “%(title)s”.", title=self.name
                )
            )
        return True

    def action_remind_unread(self):
        """Send one in-app notification to the audience who has not read."""
        self.ensure_one()
        self._check_can_manage()
        self._oa_check_state(["published"], self.env._("reminded"))
        users = self.env["res.users"].sudo().browse(self._oa_unread_user_ids())
        if not users:
            raise UserError(self.env._("Everyone in the audience has already read it."))
        self.message_notify(
            partner_ids=users.partner_id.ids,
            subject=self.env._("Please read: %(title)s", title=self.name),
            body=self.env._(
                "%(author)s reminds you to read “%(title)s”.",
                author=self.env.user.name,
                title=self.name,
            ),
            model_description=self.env._("Article"),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s readers were reminded.", count=len(users)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def web_read(self, specification):
        """The reading actions (context ``oa_reading``) record the reading of
        the article opened — as ``action_mark_read``, for the caller only."""
        result = super().web_read(specification)
        if (
            self.env.context.get("oa_reading")
            and len(self) == 1
            and self.state == "published"
        ):
            self.action_mark_read()
        return result

    def action_open_reading(self):
        """Open the clean reading view and record the reading."""
        self.ensure_one()
        if self.state == "published":
            self.action_mark_read()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("oa_portal_columns.oa_article_view_form_reading").id,
                    "form",
                )
            ],
            "target": "current",
        }

    # ---- Who has read ----

    @api.model
    def _oa_audience_domain(self, user):
        """The articles whose audience ``user`` is in (as the readers' record
        rule and ``_oa_audience_query`` define it)."""
        unit_ids = user.oa_unit_id.ids
        return [
            "|",
            "|",
            ("audience", "=", "group"),
            "&",
            ("audience", "=", "own"),
            ("unit_id", "in", unit_ids),
            "&",
            ("audience", "=", "units"),
            ("audience_unit_ids", "in", unit_ids),
        ]

    def _oa_audience_query(self):
        """SQL selecting the ids of the OA users in the audience."""
        self.ensure_one()
        self.env.flush_all()
        domain = [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("oa_base.group_oa_user").ids),
        ]
        article = self.sudo()
        if article.audience == "own":
            domain.append(("oa_unit_id", "=", article.unit_id.id))
        elif article.audience == "units":
            domain.append(("oa_unit_id", "in", article.audience_unit_ids.ids))
        return self.env["res.users"].sudo()._search(domain).subselect()

    def _oa_read_status_rows(self):
        """Per unit of the audience: users, read, acknowledged — one grouped
        query."""
        self.ensure_one()
        self.env["oa.article.read"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT u.oa_unit_id, count(*), count(r.id), count(r.ack_date)
                  FROM res_users u
             LEFT JOIN oa_article_read r
                    ON r.user_id = u.id AND r.article_id = %s
                 WHERE u.id IN %s
              GROUP BY u.oa_unit_id
                """,
                self.id,
                self._oa_audience_query(),
            )
        )
        rows = self.env.cr.fetchall()
        # the names of all the units at once (not one query per unit)
        units = (
            self.env["hr.department"].sudo().browse([row[0] for row in rows if row[0]])
        )
        names = dict(zip(units.ids, units.mapped("display_name"), strict=True))
        return [
            {
                "unit_id": unit_id,
                "unit": names.get(unit_id, ""),
                "audience": audience,
                "read": read,
                "acknowledged": acked,
                "unread": audience - read,
            }
            for unit_id, audience, read, acked in rows
        ]

    def _oa_unread_user_ids(self):
        self.ensure_one()
        self.env["oa.article.read"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT u.id FROM res_users u
                 WHERE u.id IN %s
                   AND NOT EXISTS (SELECT 1 FROM oa_article_read r
                                    WHERE r.article_id = %s AND r.user_id = u.id)
                """,
                self._oa_audience_query(),
                self.id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def get_read_status(self):
        """Who has read, per unit (RPC, for the publisher)."""
        self.ensure_one()
        self._check_can_manage()
        return self._oa_read_status_rows()
