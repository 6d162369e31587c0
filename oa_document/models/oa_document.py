# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import (
    CLASSIFICATIONS,
    CLASSIFIED,
    KINDS,
    OPINION_STEPS,
    STEP_TYPES,
    URGENCIES,
    action_notice,
    clean_opinion,
    flow_ended_text,
    holders_text,
    search_holders_domain,
    selection_label,
    step_label,
)

# What the actor did, said in the title of the notice after his action.
STEP_DONE = {
    "review": lambda env: env._("Reviewed"),
    "countersign": lambda env: env._("Countersigned"),
    "check": lambda env: env._("Checked"),
    "sign": lambda env: env._("Signed off"),
    "number": lambda env: env._("Numbered"),
    "seal": lambda env: env._("Sealed"),
    "distribute": lambda env: env._("Distributed"),
}

# A document's state is the step it waits for; parallel countersigns run
# within the review stage, so "countersign" is a step type, never a state.
STATES = [
    ("draft", "Draft"),
    *(step for step in STEP_TYPES if step[0] != "countersign"),
    ("distributed", "Distributed"),
    ("archived", "Archived"),
]
# What makes up the document: frozen once it left the drafter.
CONTENT_FIELDS = {
    "name",
    "kind",
    "urgency",
    "classification",
    "issuing_unit_id",
    "main_unit_ids",
    "copy_unit_ids",
    "body",
    "attachment_ids",
    "is_upward",
}
# Moved by the flow only (``oa.flow.guard``).
FLOW_FIELDS = (
    "state",
    "number",
    "number_year",
    "number_seq",
    "drafter_id",
    "signed_by_id",
    "date_signed",
    "sealed",
    "date_distributed",
    "paper_sent",
    "paper_sent_date",
    "fingerprint",
    "archive_seq",
    "archive_prev_hash",
    "archive_hash",
    "date_archived",
    "step_ids",
    "current_step_ids",
    "incoming_ids",
    "supervision_ids",
)
# Fields that may still change on an archived document (chatter, followers).
ARCHIVE_WRITABLE_PREFIXES = ("message_", "activity_", "website_message", "rating_")


class OaDocument(models.Model):
    """An outgoing official document (发文): 拟稿 → 审核/会签 → 核稿 → 签发 →
    编号 → 用印 → 分发 → 归档, following its issuing unit's flow."""

    _name = "oa.document"
    _description = "Official Document"
    _inherit = [
        "oa.flow.mixin",
        "mail.thread.main.attachment",
        "mail.activity.mixin",
    ]
    _mail_post_access = "read"
    # a message starts no thread of its own: Odoo would otherwise look up the
    # record's first message for every message the flow posts (e-mail
    # threading, which the suite does not use)
    _mail_flat_thread = False
    _oa_flow_fields = FLOW_FIELDS
    # read again when the flow writes the step rows in SQL
    _oa_step_read_fields = ("current_step_ids", "can_act")
    _order = "id desc"
    _rec_names_search = ["name", "number"]

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    number = fields.Char(
        string="Document Number", readonly=True, copy=False, index=True, tracking=True
    )
    number_year = fields.Integer(readonly=True, copy=False)
    number_seq = fields.Integer(string="Number Sequence", readonly=True, copy=False)
    kind = fields.Selection(KINDS, required=True, default="formal", tracking=True)
    urgency = fields.Selection(
        URGENCIES, required=True, default="normal", tracking=True
    )
    classification = fields.Selection(
        CLASSIFICATIONS, required=True, default="internal", tracking=True
    )
    issuing_unit_id = fields.Many2one(
        "hr.department",
        string="Issuing Unit",
        required=True,
        index=True,
        domain="[('id', 'in', drafting_unit_ids)]",
        default=lambda self: self.env.user.oa_unit_id,
        tracking=True,
        help="One of the drafter's own units: his unit or a unit he administers.",
    )
    drafting_unit_ids = fields.Many2many(
        "hr.department", compute="_compute_drafting_unit_ids"
    )
    drafter_id = fields.Many2one(
        "res.users",
        string="Drafter",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
    )
    main_unit_ids = fields.Many2many(
        "hr.department",
        "oa_document_main_unit_rel",
        "document_id",
        "unit_id",
        string="Main Recipients",
        domain=[("is_oa_unit", "=", True)],
    )
    copy_unit_ids = fields.Many2many(
        "hr.department",
        "oa_document_copy_unit_rel",
        "document_id",
        "unit_id",
        string="Copy Recipients",
        domain=[("is_oa_unit", "=", True)],
    )
    body = fields.Html(string="Main Text", sanitize_style=True)
    is_upward = fields.Boolean(
        string="Addressed to a Higher Authority",
        help="上行文: the print shows who signed it off (签发人) and the sign-off "
        "opinion.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oa_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Attachments",
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        readonly=True,
    )
    # the document's rows of the kernel's step table (``oa_step_ids``)
    step_ids = fields.One2many(
        "oa.flow.step",
        "res_id",
        domain=[("res_model", "=", "oa.document")],
        string="Steps",
        auto_join=True,
    )
    current_step_ids = fields.One2many(
        "oa.flow.step",
        "res_id",
        domain=[("res_model", "=", "oa.document"), ("state", "=", "pending")],
        string="Current Steps",
        auto_join=True,
    )
    incoming_ids = fields.One2many(
        "oa.document.incoming", "document_id", string="Receipts"
    )
    # the form's 收文 tab: reading incoming_ids as a user reads every
    # receipt (Odoo does not filter x2many values by record rules) and is
    # refused as soon as one is another unit's
    incoming_visible_ids = fields.Many2many(
        "oa.document.incoming",
        string="Receipts You May Read",
        compute="_compute_incoming_visible_ids",
        help="The receipts of this document the current user may read: all of "
        "them for its issuing unit and drafter, his own unit's for the others.",
    )
    incoming_count = fields.Integer(compute="_compute_incoming_count")
    signed_by_id = fields.Many2one(
        "res.users", string="Signed Off By", readonly=True, copy=False
    )
    date_signed = fields.Datetime(string="Signed Off On", readonly=True, copy=False)
    sealed = fields.Boolean(readonly=True, copy=False)
    date_distributed = fields.Datetime(
        string="Distributed On", readonly=True, copy=False
    )
    # Paper copy sent in parallel during the trial run (纸质和电子文件同步).
    paper_sent = fields.Boolean(
        string="Paper Copy Sent", tracking=True, copy=False, readonly=True
    )
    paper_sent_date = fields.Datetime(
        string="Paper Copy Sent On", copy=False, readonly=True
    )
    fingerprint = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="SHA-256 of the electronic text, printed on the paper copy.",
    )
    # Tamper-evident archive: each archived document's hash chains to the
    # previous archived document's.
    archive_seq = fields.Integer(
        string="Archive Sequence", readonly=True, copy=False, index=True
    )
    archive_prev_hash = fields.Char(
        string="Previous Archive Hash", readonly=True, copy=False
    )
    archive_hash = fields.Char(readonly=True, copy=False)
    date_archived = fields.Datetime(string="Archived On", readonly=True, copy=False)
    can_act = fields.Boolean(compute="_compute_can_act")
    # what the current user may do (the buttons of the form)
    oa_can_submit = fields.Boolean(string="Can Submit", compute="_compute_oa_can")
    oa_can_archive = fields.Boolean(string="Can Archive", compute="_compute_oa_can")
    oa_can_record_paper = fields.Boolean(
        string="Can Record the Paper Copy", compute="_compute_oa_can"
    )
    oa_can_delete = fields.Boolean(
        string="Can Delete the Draft", compute="_compute_oa_can"
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    supervision_ids = fields.One2many(
        "oa.supervision", "document_id", string="Supervision Items"
    )
    # who holds the document now (当前办理人), proxies included
    holder_ids = fields.Many2many(
        "res.users",
        string="Current Holders",
        compute="_compute_holders",
        search="_search_holder_ids",
        help="Who the document waits for now: the drafter of a draft, the "
        "actors of its open steps and their proxies.",
    )
    holder_display = fields.Char(string="Current Holder", compute="_compute_holders")

    _sql_constraints = [
        (
            "number_uniq",
            "UNIQUE (number)",
            "This document number is already used by another document.",
        ),
    ]

    def init(self):
        # one document per link of the archive chain (0/NULL: not archived)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS oa_document_archive_seq_uniq
                ON oa_document (archive_seq) WHERE archive_seq > 0
            """
        )

    def _track_subtype(self, init_values):
        """Each move of the flow under its own subtype, so that a follower
        is told only what he chose (submitted, approved, returned, signed,
        distributed, archived)."""
        self.ensure_one()
        if "state" in init_values:
            return self._oa_subtype(
                "oa_document.mt_document_" + self._oa_move_kind(init_values["state"])
            )
        return super()._track_subtype(init_values)

    def _oa_move_kind(self, old_state):
        """What the move from ``old_state`` to the current state was."""
        order = [key for key, _label in STATES]
        if self.state == "draft" or order.index(self.state) < order.index(old_state):
            return "returned"
        if old_state == "draft":
            return "submitted"
        if self.state in ("distributed", "archived"):
            return self.state
        if old_state == "sign":
            return "signed"
        return "approved"

    # ---- Compute ----

    @api.depends("drafter_id")
    @api.depends_context("uid")
    def _compute_drafting_unit_ids(self):
        for doc in self:
            doc.drafting_unit_ids = (
                (doc.drafter_id or self.env.user).sudo()._oa_drafting_units()
            )

    @api.depends("incoming_ids")
    @api.depends_context("uid")
    def _compute_incoming_visible_ids(self):
        docs = self.filtered("id")
        visible = self.env["oa.document.incoming"].search_fetch(
            [("document_id", "in", docs.ids)], ["document_id"]
        )
        for doc in self:
            doc.incoming_visible_ids = visible.filtered(
                lambda inc, doc=doc: inc.document_id.id == doc.id
            )

    def _compute_incoming_count(self):
        counts = dict(
            self.env["oa.document.incoming"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for doc in self:
            doc.incoming_count = counts.get(doc, 0)

    @api.depends("state", "current_step_ids")
    @api.depends_context("uid")
    def _compute_can_act(self):
        user = self.env.user
        for doc in self:
            doc.can_act = any(
                step._can_act(user) for step in doc.sudo().current_step_ids
            )

    @api.depends("state", "drafter_id", "paper_sent", "step_ids")
    @api.depends_context("uid")
    def _compute_oa_can(self):
        """The guards of the actions, asked without raising: a button shows
        only to whom it would work for."""

        def allowed(guard):
            try:
                guard()
            except (UserError, AccessError):
                return False
            return True

        user = self.env.user
        for doc in self:
            doc.oa_can_submit = doc.state == "draft" and doc.drafter_id == user
            doc.oa_can_delete = doc.oa_can_submit and not doc.sudo().step_ids
            doc.oa_can_archive = doc.state == "distributed" and allowed(
                doc._check_can_archive
            )
            doc.oa_can_record_paper = not doc.paper_sent and allowed(
                doc._check_can_record_paper
            )

    @api.depends(
        "state", "drafter_id", "step_ids.state", "step_ids.actor_ids", "incoming_ids"
    )
    def _compute_holders(self):
        """In one batch: the open steps of all the documents, their
        assigned users' proxies and the receipts counted once."""
        docs = self.sudo()
        # the open steps from the document's rows (read once, kept in the
        # cache by the flow's writes), not a search of their own
        steps = docs.step_ids.filtered(lambda s: s.state == "pending")
        current_steps = {
            # read together: their users and actors, the users' names
            sdoc.id: steps.filtered(
                lambda s, sdoc=sdoc: s.res_id == sdoc._origin.id
            ).with_prefetch(steps._ids)
            for sdoc in docs
        }
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        distributed = docs.filtered(lambda d: d.state == "distributed")
        counts = {}
        if distributed.ids:
            counts = dict(
                self.env["oa.document.incoming"]
                .sudo()
                ._read_group(
                    [("document_id", "in", distributed.ids)],
                    ["document_id"],
                    ["__count"],
                )
            )
        for doc, sdoc in zip(self, docs, strict=True):
            if sdoc.state == "draft":
                doc.holder_ids = sdoc.drafter_id
                doc.holder_display = sdoc.drafter_id.name
            elif sdoc.state == "distributed":
                doc.holder_ids = False
                doc.holder_display = self.env._(
                    "the receiving units (%(count)s)", count=counts.get(sdoc, 0)
                )
            elif sdoc.state == "archived":
                doc.holder_ids = False
                doc.holder_display = flow_ended_text(self.env)
            else:
                current = current_steps[sdoc.id]
                doc.holder_ids = current.actor_ids
                doc.holder_display = holders_text(
                    self.env,
                    current.user_ids,
                    {
                        user.id: proxies.get(user.id, self.env["res.users"])
                        & current.actor_ids
                        for user in current.user_ids
                    },
                )

    def _search_holder_ids(self, operator, value):
        return search_holders_domain(
            self,
            operator,
            value,
            lambda users: [
                "|",
                "&",
                ("state", "=", "draft"),
                ("drafter_id", "in", users.ids),
                (
                    "step_ids",
                    "any",
                    [("state", "=", "pending"), ("actor_ids", "in", users.ids)],
                ),
            ],
        )

    def _compute_is_overdue(self):
        overdue = (
            self.env["oa.flow.step"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("is_overdue", "=", True),
                ]
            )
        )
        overdue_ids = set(overdue.mapped("res_id"))
        for doc in self:
            doc.is_overdue = doc.id in overdue_ids

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        overdue = [("is_overdue", "=", True), ("state", "=", "pending")]
        if (operator == "=") == value:
            return [("step_ids", "any", overdue)]
        return [("step_ids", "not any", overdue)]

    # ---- Constraints ----

    @api.constrains("classification")
    def _check_classification(self):
        for doc in self:
            if doc.classification in CLASSIFIED:
                raise ValidationError(
                    self.env._(
                        "“%(title)s” is classified (%(level)s): classified documents "
                        "may not enter the system and must be handled on paper.",
                        title=doc.name,
                        level=selection_label(
                            doc, "classification", doc.classification
                        ),
                    )
                )

    @api.constrains("issuing_unit_id", "drafter_id")
    def _check_issuing_unit(self):
        """A document is issued in the name of one of its drafter's own
        units: his unit, or a unit he administers."""
        for doc in self:
            allowed = doc.drafter_id.sudo()._oa_drafting_units()
            if doc.issuing_unit_id not in allowed:
                raise ValidationError(
                    self.env._(
                        "%(user)s may not draft in the name of %(unit)s: the issuing "
                        "unit must be his or her own unit or a unit he or she "
                        "administers.",
                        user=doc.drafter_id.name,
                        unit=doc.issuing_unit_id.sudo().name,
                    )
                )

    # ---- CRUD ----

    def write(self, vals):
        self._check_write_allowed(vals)
        return super().write(vals)

    def _check_write_allowed(self, vals):
        """Whoever writes, the transitions included: an archived document is
        read-only and the content is frozen once it left the drafter."""
        changed = set(vals)
        for doc in self:
            if doc.state == "archived" and any(
                not name.startswith(ARCHIVE_WRITABLE_PREFIXES) for name in changed
            ):
                raise UserError(
                    self.env._(
                        "“%(title)s” is archived: archived documents are read-only.",
                        title=doc.name,
                    )
                )
            if doc.state != "draft" and changed & CONTENT_FIELDS:
                raise UserError(
                    self.env._(
                        "“%(title)s” has left the draft stage: its content can only "
                        "change after it is returned to the drafter.",
                        title=doc.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsent_drafts(self):
        for doc in self:
            if doc.state != "draft" or doc.sudo().step_ids:
                raise UserError(
                    self.env._(
                        "“%(title)s” has been sent: documents that entered a flow are "
                        "never deleted.",
                        title=doc.name,
                    )
                )
            if not self.env.su and doc.drafter_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only its drafter may delete the draft “%(title)s”.",
                        title=doc.name,
                    )
                )

    # ---- Actions ----

    def action_submit(self):
        """拟稿 → first step of the issuing unit's flow."""
        for doc in self:
            doc._check_can_submit()
            doc._do_submit()
        return self._holder_notice(self.env._("Submitted"))

    def action_approve(self, opinion=False):
        """The actor of the current step completes it (审核/会签/核稿/签发/
        编号/用印/分发, depending on the step), with his written opinion
        (审核意见/会签意见/签发意见), required where the unit requires it."""
        opinion = self._check_opinion_argument(opinion)
        what = False
        for doc in self:
            step, principal = doc._check_can_act()
            doc._check_opinion(step, opinion)
            doc._do_complete_step(step, principal, opinion)
            what = STEP_DONE[step.step_type](self.env)
        return self._holder_notice(what)

    def action_open_opinion_wizard(self):
        """The button of the current step: a short dialog asking the opinion
        at the steps that have one, the step done at once otherwise."""
        self.ensure_one()
        step, _principal = self._check_can_act()
        if step.step_type not in OPINION_STEPS:
            return self.action_approve()
        return {
            "type": "ir.actions.act_window",
            "name": step_label(self.env, step.step_type),
            "res_model": "oa.document.opinion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_document_id": self.id,
                "default_step_type": step.step_type,
            },
        }

    def action_return(self, step_sequence, reason):
        """Send the document back to an earlier step of its flow, or to the
        drafter when ``step_sequence`` is 0, with a reason."""
        self.ensure_one()
        if isinstance(step_sequence, str) and step_sequence.isdigit():
            step_sequence = int(step_sequence)
        if not isinstance(step_sequence, int) or isinstance(step_sequence, bool):
            raise UserError(
                self.env._("Return To: give the sequence of an earlier step.")
            )
        reason = self._check_text_argument(reason, self.env._("Reason"))
        step, principal = self._check_can_return(step_sequence, reason)
        self._do_return(step, principal, step_sequence, reason)
        return self._holder_notice(
            self.env._("Returned to %(users)s", users=self._holder_users_names())
        )

    def action_archive_document(self):
        """分发完成 → 归档, chaining the archive hash."""
        for doc in self:
            doc._check_can_archive()
            doc._do_archive()
        return self._holder_notice(self.env._("Archived"))

    def action_record_paper_sent(self):
        """Record that the paper copy left (parallel running); the flow does
        not move."""
        for doc in self:
            doc._check_can_record_paper()
        self._do_record_paper()
        return True

    def action_delete_draft(self):
        """Delete an unsent draft (its drafter only): the form offers no
        "Delete" in its action menu, a document in flow is never deleted."""
        self.ensure_one()
        self.unlink()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "list,form",
            "name": self.env._("Official Documents"),
            "target": "main",
        }

    def _holder_users_names(self):
        """The names of who holds the document now (without proxies)."""
        self.ensure_one()
        doc = self.sudo()
        if doc.state == "draft":
            return doc.drafter_id.name
        return ", ".join(doc._oa_current_steps().user_ids.mapped("name"))

    def _oa_current_steps(self):
        """The pending rows of the document (``current_step_ids``), filtered
        from its rows: one read of them for the guard, the step and the
        holders of a request."""
        self.ensure_one()
        return self.sudo().step_ids.filtered(lambda s: s.state == "pending")

    def _holder_notice(self, what=False):
        """The client action shown to the actor after his action: what he
        did, and who holds the document now (with their proxies) or that
        its flow has ended; the form reloads to show its new state."""
        if len(self) != 1:
            return True
        self.invalidate_recordset(["holder_ids", "holder_display"])
        doc = self.sudo()
        holders = doc.holder_display if doc.state != "archived" else False
        return action_notice(self, what or self.env._("Done"), holders)

    def action_open_return_wizard(self):
        self.ensure_one()
        self._check_can_act()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return the Document"),
            "res_model": "oa.document.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_incoming(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receipts of %(doc)s", doc=self.display_name),
            "res_model": "oa.document.incoming",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
        }

    # ---- Guards ----

    def _check_text_argument(self, value, label):
        if value in (None, False):
            return False
        if not isinstance(value, str):
            raise UserError(self.env._("%(field)s must be a text.", field=label))
        return value

    def _check_opinion_argument(self, opinion):
        return clean_opinion(self.env, opinion)

    def _check_opinion(self, step, opinion):
        """Refuse an empty opinion where the acting unit requires one."""
        if opinion or step.step_type not in OPINION_STEPS:
            return
        unit = step.unit_id or self.issuing_unit_id
        if unit._oa_opinion_required(step.step_type):
            raise UserError(
                self.env._(
                    "Write your opinion: %(unit)s requires one at the %(step)s step.",
                    unit=unit.sudo().name,
                    step=step_label(self.env, step.step_type),
                )
            )

    def _check_can_submit(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Only a draft can be submitted; “%(title)s” is not one.",
                    title=self.name,
                )
            )
        if self.env.user != self.drafter_id and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the drafter %(user)s can submit this draft.",
                    user=self.drafter_id.name,
                )
            )
        if not (self.main_unit_ids or self.copy_unit_ids):
            raise UserError(
                self.env._("Choose at least one main or copy recipient unit.")
            )
        self._check_flow_actor()

    def _check_can_act(self):
        """Return (step, principal): the pending step the current user may
        complete and the user he acts as (himself, or the user he is proxy
        for).  Raise if he may not act."""
        self.ensure_one()
        user = self.env.user
        if self.state in ("draft", "distributed", "archived"):
            raise UserError(
                self.env._("“%(title)s” has no open step to act on.", title=self.name)
            )
        for step in self._oa_current_steps():
            principal = step._can_act(user)
            if principal:
                self._check_flow_actor()
                return step, principal
        raise AccessError(
            self.env._(
                "You are not the actor of the current step of “%(title)s”.",
                title=self.name,
            )
        )

    def _check_can_return(self, step_sequence, reason):
        step, principal = self._check_can_act()
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason for returning the document."))
        if step_sequence < 0 or step_sequence >= step.sequence:
            raise UserError(
                self.env._("A document can only be returned to an earlier step.")
            )
        return step, principal

    def _check_can_record_paper(self):
        self.ensure_one()
        user = self.env.user
        if self.state == "archived":
            raise UserError(self.env._("Archived documents are read-only."))
        if self.state == "draft":
            raise UserError(
                self.env._("A draft has no paper copy to send: submit it first.")
            )
        if not (
            self.env.su
            or user == self.drafter_id
            or user in self.sudo().step_ids.actor_ids
            or user in self.issuing_unit_id._oa_role_users("clerk")
        ):
            raise AccessError(
                self.env._(
                    "Only the drafter, the actors of the document or a document clerk "
                    "of the issuing unit can record its paper copy."
                )
            )
        self._check_flow_actor()

    def _check_can_archive(self):
        self.ensure_one()
        if self.state != "distributed":
            raise UserError(self.env._("Only a distributed document can be archived."))
        user = self.env.user
        allowed = (
            self.env.su
            or user == self.drafter_id
            or user._oa_is_project()
            or user in self.issuing_unit_id._oa_role_users("clerk")
        )
        if not allowed:
            raise AccessError(
                self.env._(
                    "Only the drafter or a document clerk of the issuing unit can "
                    "archive this document."
                )
            )
        self._check_flow_actor()

    # ---- Transitions (after their guard; the only writers of flow fields) ----

    def _do_record_paper(self):
        self.sudo().write(
            {"paper_sent": True, "paper_sent_date": fields.Datetime.now()}
        )
