# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext
from odoo.tools.translate import LazyTranslate

from odoo.addons.oa_base.tools.names import check_not_blank

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("accepted", "Accepted"),
    ("returned", "Returned"),
    ("published", "Published in an Issue"),
]
EDITOR_GROUP = "oa_portal_columns.group_oa_info_editor"
# the messages of the flow, each of its subtype (a follower picks his own)
SUBTYPES = {
    "submitted": "oa_portal_columns.mt_manuscript_submitted",
    "accepted": "oa_portal_columns.mt_manuscript_accepted",
    "returned": "oa_portal_columns.mt_manuscript_returned",
}

_lt = LazyTranslate(__name__)


class OaManuscript(models.Model):
    """An information manuscript (信息稿件) a unit submits to the company
    office, which accepts it or returns it with a reason; accepted
    manuscripts are compiled into a periodical issue (``oa.periodical``).

    Its state, unit, author, dates, reviewer, reason and issue move only
    through the transitions below; the text is the author's while he drafts
    (or corrects a returned manuscript), the editors' while they review
    (``oa.flow.guard``); its attachments are its own
    (``oa.attachment.owner``).

    The review is a step of the flow kernel (``oa.flow.mixin``): each
    submission opens a review row for the editors, with its deadline and
    their to-dos (and their proxies'); accepting or returning closes it with
    the reviewer's opinion or reason."""

    _name = "oa.manuscript"
    _description = "Information Manuscript"
    _inherit = [
        "oa.flow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "oa.attachment.owner",
    ]
    # the review by the company office's editors, in working days
    _oa_flow_steps = {"review": (_lt("Review"), 3)}
    _oa_flow_fields = (
        "state",
        "author_id",
        "unit_id",
        "submit_date",
        "first_submit_date",
        "submit_count",
        "review_date",
        "accept_date",
        "reviewer_id",
        "return_reason",
        "periodical_line_ids",
        "periodical_id",
    )
    _order = "submit_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(string="Text", sanitize_style=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_manuscript_attachment_rel",
        "manuscript_id",
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
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        default=lambda self: self.env.user.oa_unit_id,
        ondelete="restrict",
        readonly=True,
        copy=False,
        help="The author's unit, which submits the manuscript.",
    )
    state = fields.Selection(
        STATES,
        string="Status",
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    submit_date = fields.Datetime(
        string="Submitted On", copy=False, readonly=True, help="Last submission."
    )
    first_submit_date = fields.Datetime(
        string="First Submitted On",
        index=True,
        copy=False,
        readonly=True,
        help="Counts the manuscript as submitted in this month.",
    )
    submit_count = fields.Integer(
        string="Submissions", copy=False, readonly=True, default=0
    )
    review_date = fields.Datetime(string="Reviewed On", copy=False, readonly=True)
    accept_date = fields.Datetime(
        string="Accepted On",
        index=True,
        copy=False,
        readonly=True,
        help="Counts the manuscript as accepted in this month.",
    )
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewer", copy=False, readonly=True, tracking=True
    )
    return_reason = fields.Text(copy=False, readonly=True, tracking=True)
    periodical_line_ids = fields.One2many(
        "oa.periodical.line", "manuscript_id", string="Issue Lines", readonly=True
    )
    periodical_id = fields.Many2one(
        "oa.periodical",
        string="Issue",
        compute="_compute_periodical_id",
        store=True,
        index=True,
        help="The periodical issue the manuscript is compiled into.",
    )
    in_my_units = fields.Boolean(
        compute="_compute_in_my_units",
        search="_search_in_my_units",
        help="Written in a unit I administer (or one of its sub-units).",
    )
    can_edit = fields.Boolean(compute="_compute_can")
    can_review = fields.Boolean(
        compute="_compute_can",
        help="The current user reviews it now: an editor the review waits for, "
        "or his proxy.",
    )
    oa_may_review = fields.Boolean(
        string="Waits for My Review",
        compute="_compute_oa_may_review",
        search="_search_oa_may_review",
        help="Its review waits for the current user, or for an editor whose "
        "proxy he is (a window not over yet): he reads it.",
    )

    @api.depends("periodical_line_ids.periodical_id")
    def _compute_periodical_id(self):
        for manuscript in self:
            manuscript.periodical_id = manuscript.periodical_line_ids[:1].periodical_id

    @api.depends_context("uid")
    def _compute_in_my_units(self):
        units = self._oa_my_unit_ids()
        for manuscript in self:
            manuscript.in_my_units = manuscript.unit_id.id in units

    def _search_in_my_units(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("unit_id", "in", list(self._oa_my_unit_ids()))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _oa_my_unit_ids(self):
        return set(self.env.user._oa_administered_units().ids)

    @api.depends_context("uid")
    @api.depends("state", "author_id")
    def _compute_can(self):
        editor = self._oa_is_editor()
        user = self.env.user
        steps = self._oa_steps_by_record(self._oa_steps_pending("review"))
        for manuscript in self:
            manuscript.can_edit = manuscript._oa_may_edit_content(editor)
            step = steps[manuscript.id][:1]
            manuscript.can_review = (
                manuscript.state == "submitted"
                and bool(step)
                and bool(self.env.su or step._can_act(user))
            )

    @api.depends_context("uid")
    def _compute_oa_may_review(self):
        ids = set(self._oa_review_waiting_ids(self.ids))
        for manuscript in self:
            manuscript.oa_may_review = manuscript.id in ids

    def _search_oa_may_review(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("id", "in", self._oa_review_waiting_ids())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _oa_review_waiting_ids(self, ids=None):
        """Ids of the manuscripts whose pending review the current user may
        do: an editor it waits for, or his proxy (the row's ``actor_ids``)."""
        domain = [
            ("res_model", "=", self._name),
            ("step_type", "=", "review"),
            ("state", "=", "pending"),
            ("actor_ids", "in", self.env.uid),
        ]
        if ids is not None:
            domain.append(("res_id", "in", ids))
        steps = self.env["oa.flow.step"].sudo().search_fetch(domain, ["res_id"])
        return steps.mapped("res_id")

    # ---- CRUD ----

    @api.constrains("name")
    def _check_name_not_blank(self):
        check_not_blank(self, "name")

    @api.model_create_multi
    def create(self, vals_list):
        # the unit is the author's: the default of ``unit_id``, the only
        # value the flow guard accepts from him
        if not self.env.su and not self.env.user.oa_unit_id:
            raise UserError(
                self.env._(
                    "You belong to no OA unit: ask your unit administrator to "
                    "set yours before writing a manuscript."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        self._oa_check_can_edit()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsubmitted_drafts(self):
        if self.env.su:
            return
        for manuscript in self:
            if manuscript.state != "draft" or manuscript.first_submit_date:
                raise UserError(
                    self.env._(
                        "“%(title)s” has been submitted: it stays on record and "
                        "cannot be deleted.",
                        title=manuscript.name,
                    )
                )
            if manuscript.author_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only its author may delete the draft “%(title)s”.",
                        title=manuscript.name,
                    )
                )

    # ---- Rights ----

    @api.model
    def _oa_is_editor(self):
        return self.env.su or self.env.user.has_group(EDITOR_GROUP)

    def _oa_may_edit_content(self, editor):
        self.ensure_one()
        if self.state in ("draft", "returned"):
            return self.author_id == self.env.user
        return editor and self.state in ("submitted", "accepted")

    def _oa_check_can_edit(self):
        """The author writes his draft (or returned) manuscript; the editors
        polish submitted and accepted ones; nobody else, and nothing once it
        is published."""
        if self.env.su:
            return
        editor = self._oa_is_editor()
        for manuscript in self:
            if not manuscript._oa_may_edit_content(editor):
                raise AccessError(
                    self.env._(
                        "“%(title)s” is %(state)s: you may not change it.",
                        title=manuscript.name,
                        state=manuscript._oa_state_label(),
                    )
                )

    def _oa_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _oa_check_state(self, allowed, action):
        for manuscript in self:
            if manuscript.state not in allowed:
                raise UserError(
                    self.env._(
                        "“%(title)s” is %(state)s: it cannot be %(action)s.",
                        title=manuscript.name,
                        state=manuscript._oa_state_label(),
                        action=action,
                    )
                )

    # ---- Actions: the flow ----

    def action_submit(self):
        """草稿/已退回 → 已报送, by the author."""
        self._check_can_submit()
        self._do_submit()
        return True

    def _check_can_submit(self):
        self._oa_check_state(["draft", "returned"], self.env._("submitted"))
        self.check_access("write")
        for manuscript in self:
            if manuscript.author_id != self.env.user and not self.env.su:
                raise AccessError(
                    self.env._(
                        "Only its author %(author)s may submit “%(title)s”.",
                        author=manuscript.author_id.name,
                        title=manuscript.name,
                    )
                )
            if not html2plaintext(manuscript.body or "").strip():
                raise UserError(
                    self.env._(
                        "“%(title)s” has no text: write it before submitting.",
                        title=manuscript.name,
                    )
                )

    def _do_submit(self):
        """Submitted: the author's to-do (a returned manuscript's) goes to
        his 已办 and a fresh review row opens for the editors, with its
        deadline and their to-dos."""
        now = fields.Datetime.now()
        for manuscript in self:
            manuscript.sudo().write(
                {
                    "state": "submitted",
                    "submit_date": now,
                    "first_submit_date": manuscript.first_submit_date or now,
                    "submit_count": manuscript.submit_count + 1,
                    "return_reason": False,
                }
            )
        self._oa_todo_complete()
        self._oa_step_open("review", self._oa_editors())

    def action_accept(self, opinion=False):
        """已报送 → 已采用, by an editor the review waits for (or his proxy);
        ``opinion``: the reviewer's, recorded on the review row."""
        for manuscript in self:
            principal = manuscript._check_can_accept(opinion)
            manuscript._do_accept(principal, opinion)
        return True

    def _check_can_accept(self, opinion=False):
        """The user acting (the editor, or the one whose proxy he is)."""
        if opinion and not isinstance(opinion, str):
            raise UserError(self.env._("The opinion is a text."))
        self._oa_check_state(["submitted"], self.env._("accepted"))
        return self._oa_check_reviewer()

    def _do_accept(self, principal, opinion=False):
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "state": "accepted",
                "review_date": now,
                "accept_date": now,
                "reviewer_id": self.env.uid,
            }
        )
        self._oa_step_advance(principal, comment=(opinion or "").strip() or False)

    def action_open_return_wizard(self):
        self.ensure_one()
        self._check_can_return()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return the Manuscript"),
            "res_model": "oa.manuscript.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_manuscript_ids": self.ids},
        }

    def action_return(self, reason):
        """已报送 → 已退回 with a reason, by an editor the review waits for
        (or his proxy); the author corrects it and submits it again."""
        reason = self._check_return_reason(reason)
        for manuscript in self:
            principal = manuscript._check_can_return()
            manuscript._do_return(principal, reason)
        return True

    def _check_return_reason(self, reason):
        """The reason, stripped; required."""
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                self.env._(
                    "Say why the manuscript is returned: the reason is required."
                )
            )
        return reason

    def _check_can_return(self):
        """The user acting (the editor, or the one whose proxy he is)."""
        self._oa_check_state(["submitted"], self.env._("returned"))
        return self._oa_check_reviewer()

    def _oa_check_reviewer(self):
        """The review waits for the current user (or for the editor whose
        proxy he is): the principal he acts for, else an AccessError."""
        self.ensure_one()
        self.check_access("read")
        return self._oa_step_check_actor("review")

    def _do_return(self, principal, reason):
        self.sudo().write(
            {
                "state": "returned",
                "review_date": fields.Datetime.now(),
                "reviewer_id": self.env.uid,
                "return_reason": reason,
            }
        )
        self._oa_step_close(principal, reason)
        summary = self.env._("Correct and submit again")
        self._oa_todo_set([(m, m.author_id, summary) for m in self])
        for manuscript in self.sudo():
            manuscript.message_post(
                body=self.env._("Returned: %(reason)s", reason=reason),
                partner_ids=manuscript.author_id.partner_id.ids,
                subtype_xmlid=SUBTYPES["returned"],
            )

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values and self.state in ("submitted", "accepted"):
            return self._oa_subtype(SUBTYPES[self.state])
        return super()._track_subtype(init_values)

    # ---- The review step ----

    def _oa_flow_unit(self):
        """The review is the company office's for every unit: the company's
        time limit applies."""
        return self.env["hr.department"]

    @api.model
    def _oa_editors(self):
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(EDITOR_GROUP).ids),
                    ("share", "=", False),
                ]
            )
        )
