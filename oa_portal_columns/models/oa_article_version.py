# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

# the content of an article a version keeps: field -> flag of the version
VERSIONED_FIELDS = {
    "name": "title_changed",
    "body": "body_changed",
    "attachment_ids": "attachments_changed",
}


class OaArticleVersion(models.Model):
    """A previous content of an article (版本): kept by the article's own
    write each time its title, body or attachments change.

    Nobody creates, edits or deletes versions through the ORM; who may read
    the article reads its versions."""

    _name = "oa.article.version"
    _description = "OA Article Version"
    _order = "article_id, version desc"
    _rec_name = "name"

    article_id = fields.Many2one(
        "oa.article", required=True, index=True, ondelete="cascade", readonly=True
    )
    version = fields.Integer(
        required=True,
        readonly=True,
        help="1 is the first text of the article, then one per change.",
    )
    name = fields.Char(string="Title", readonly=True)
    body = fields.Html(readonly=True, sanitize=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_article_version_attachment_rel",
        "version_id",
        "attachment_id",
        readonly=True,
    )
    changed_by = fields.Many2one(
        "res.users",
        readonly=True,
        ondelete="set null",
        help="Who replaced this content.",
    )
    changed_on = fields.Datetime(readonly=True)
    title_changed = fields.Boolean(readonly=True)
    body_changed = fields.Boolean(readonly=True)
    attachments_changed = fields.Boolean(readonly=True)
    change_summary = fields.Char(
        string="What Changed", compute="_compute_change_summary"
    )
    article_readable = fields.Boolean(
        compute="_compute_article_readable",
        search="_search_article_readable",
        help="The current user may read the article (the record rule of the "
        "versions).",
    )

    _sql_constraints = [
        (
            "article_version_unique",
            "UNIQUE(article_id, version)",
            "An article has one version of each number.",
        ),
    ]

    def _compute_change_summary(self):
        labels = {
            flag: self.env["oa.article"]
            ._fields[field]
            .get_description(self.env)["string"]
            for field, flag in VERSIONED_FIELDS.items()
        }
        for version in self:
            version.change_summary = "、".join(
                label for flag, label in labels.items() if version[flag]
            )

    @api.depends_context("uid")
    def _compute_article_readable(self):
        readable = self.article_id.with_env(self.env(su=False))._filtered_access("read")
        for version in self:
            version.article_readable = version.article_id in readable

    def _search_article_readable(self, operator, value):
        """The articles the user may read by their own record rules: the
        environment without superuser mode, whatever the caller's."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on readable articles."))
        articles = self.env(su=False)["oa.article"]._search([])
        positive = (operator == "=") == value
        return [("article_id", "in" if positive else "not in", articles)]

    # ---- Only the article's write keeps versions ----

    @api.model_create_multi
    def create(self, vals_list):
        self._oa_refuse_orm_change()
        return super().create(vals_list)

    def write(self, vals):
        self._oa_refuse_orm_change()
        return super().write(vals)

    def unlink(self):
        self._oa_refuse_orm_change()
        return super().unlink()

    def _oa_refuse_orm_change(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Versions are kept by saving the article; they cannot be "
                    "created, changed or deleted by hand."
                )
            )


# one concern per file (oa_article.py is long): versions here, search in
# oa_article_search.py
class OaArticle(models.Model):
    _inherit = "oa.article"  # pylint: disable=consider-merging-classes-inherited

    version_ids = fields.One2many(
        "oa.article.version", "article_id", string="Versions", readonly=True
    )
    version_count = fields.Integer(
        string="Number of Versions", compute="_compute_version_count"
    )

    def _compute_version_count(self):
        counts = dict(
            self.env["oa.article.version"]._read_group(
                [("article_id", "in", self.ids)], ["article_id"], ["__count"]
            )
        )
        for article in self:
            article.version_count = counts.get(article, 0)

    @api.model
    def _oa_protected_fields(self):
        # the versions are kept by the article's own write (as superuser)
        return super()._oa_protected_fields() | {"version_ids"}

    def write(self, vals):
        versioned = [name for name in VERSIONED_FIELDS if name in vals]
        if not versioned or not self.ids:
            return super().write(vals)
        before = self._oa_version_content(versioned)
        res = super().write(vals)
        self._oa_keep_versions(versioned, before)
        return res

    def _oa_version_content(self, names):
        """The current content of the articles, one query for all."""
        articles = self.sudo()
        articles.fetch(names)
        return {
            article.id: {
                "name": article.name,
                "body": article.body,
                "attachment_ids": tuple(sorted(article.attachment_ids.ids)),
            }
            for article in articles
        }

    def _oa_keep_versions(self, names, before):
        """One version per article whose content changed: its previous
        content, numbered after the last — one create for all."""
        after = self._oa_version_content(names)
        changed = {}
        for article_id, old in before.items():
            flags = {
                VERSIONED_FIELDS[name]: old[name] != after[article_id][name]
                for name in names
            }
            if any(flags.values()):
                changed[article_id] = flags
        if not changed:
            return
        Version = self.env["oa.article.version"].sudo()
        last = dict(
            Version._read_group(
                [("article_id", "in", list(changed))], ["article_id"], ["version:max"]
            )
        )
        last = {article.id: number for article, number in last.items()}
        now = fields.Datetime.now()
        Version.create(
            [
                {
                    "article_id": article_id,
                    "version": last.get(article_id, 0) + 1,
                    "name": before[article_id]["name"],
                    "body": before[article_id]["body"],
                    "attachment_ids": [
                        Command.set(list(before[article_id]["attachment_ids"]))
                    ],
                    "changed_by": self.env.uid,
                    "changed_on": now,
                    **flags,
                }
                for article_id, flags in changed.items()
            ]
        )

    def action_open_versions(self):
        """The earlier versions of the article, newest first."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Versions of %(title)s", title=self.name),
            "res_model": "oa.article.version",
            "view_mode": "list,form",
            "domain": [("article_id", "=", self.id)],
            "context": {"create": False, "edit": False, "delete": False},
        }
