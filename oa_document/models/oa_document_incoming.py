# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import OrderedSet
from odoo.tools.i18n import format_list
from odoo.tools.translate import LazyTranslate

from odoo.addons.oa_base.tools.labels import field_labels

from .common import (
    action_notice,
    clean_opinion,
    selection_label,
)
from .flow_step_reads import (
    compute_holders,
    last_done_steps,
    search_holders,
    search_step_date,
)

_lt = LazyTranslate(__name__)

# The step of the receipt whose opinion each action writes.
OPINION_FIELDS = {"propose": "proposal", "instruct": "instruction"}

INCOMING_STATES = [
    ("to_receive", "To Receive"),
    ("registered", "Registered"),
    ("proposed", "Handling Proposed"),
    ("instructed", "Instructed"),
    ("handling", "Being Handled"),
    ("done", "Done"),
    ("archived", "Archived"),
]

# The step a receipt waits for in each state.
STATE_STEP = {
    "to_receive": "receive",
    "registered": "propose",
    "proposed": "instruct",
    "instructed": "start",
    "handling": "finish",
    "done": "archive",
}

# What the actor did, said by the notice and the chatter after each step
# (keyed by the state the step leads to).
STEP_DONE = {
    "registered": lambda env: env._("Signed for"),
    "proposed": lambda env: env._("Handling proposed"),
    "instructed": lambda env: env._("Instructed"),
    "handling": lambda env: env._("Handling started"),
    "done": lambda env: env._("Handling finished"),
    "archived": lambda env: env._("Archived"),
}

# Who did each step and when, read from the step's row (oa.flow.step):
#   step type → (who acted — the proxy himself when one acted, when)
STEP_DONE_FIELDS = {
    "receive": ("received_by_id", "date_received"),
    "propose": ("proposed_by_id", "date_proposed"),
    "instruct": ("instructed_by_id", "date_instructed"),
    "start": ("started_by_id", "date_started"),
    "finish": ("done_by_id", "date_done"),
    "archive": ("archived_by_id", "date_archived"),
}

# The message subtype of the state change a step makes (its followers choose
# which messages they are notified of); one message per step says what was
# done, by whom, with the opinion written (拟办意见, 批示): the proposal is
# a note, the leader's instruction is announced.
STATE_SUBTYPES = {
    "registered": "oa_document.mt_incoming_received",
    "instructed": "oa_document.mt_incoming_instructed",
    "done": "oa_document.mt_incoming_done",
}

# What each step asks for before it can be done: the fields the actor of the
# step fills in (in the state the step starts from), then the step moves on.
#   field → (state in which it is written, role that writes it)
# clerk: a document clerk or an administrator of the receiving unit;
# leader: the leader chosen when the handling was proposed;
# handler: the users the leader assigned.
# The opinions (proposal, instruction) are not inputs: the transition writes
# them, from the text typed in the dialog of the step.
STEP_INPUTS = {
    "leader_id": ("registered", "clerk"),
    "handler_ids": ("proposed", "leader"),
    "feedback": ("handling", "handler"),
}


class OaDocumentIncoming(models.Model):
    """The incoming document (收文) of one receiving unit: 签收 → 登记 →
    拟办 → 批办 → 承办 (with feedback) → 办结 → 归档.

    Receipts are created only by the distribution of an outgoing document
    (``_create_for_distribution``): nobody registers an incoming document by
    hand, so that every receipt points at the document really sent.  Only the
    flow moves a receipt: the fields of ``_oa_protected_fields`` change only
    in the ``_do_*`` transitions, each behind its ``_check_can_*`` guard; the
    actor of a step writes only his step's inputs (``STEP_INPUTS``)."""

    _name = "oa.document.incoming"
    _description = "Incoming Document"
    _inherit = [
        "oa.flow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _mail_post_access = "read"
    # a message starts no thread of its own: Odoo would otherwise look up the
    # record's first message for every message the flow posts (e-mail
    # threading, which the suite does not use)
    _mail_flat_thread = False
    _order = "id desc"
    _rec_names_search = ["name", "receipt_number", "document_number"]
    # the steps (oa.flow.step rows) and their time limits in working days;
    # the label is the to-do's title: what the actor does next
    # read from the step rows (``_compute_step_done``, the holders)
    _oa_step_read_fields = (
        *(name for pair in STEP_DONE_FIELDS.values() for name in pair),
        "holder_ids",
        "holder_display",
    )
    _oa_flow_steps = {
        "receive": (_lt("Sign for"), 1),
        "propose": (_lt("Propose the handling"), 1),
        "instruct": (_lt("Instruct"), 2),
        "start": (_lt("Handle"), 2),
        "finish": (_lt("Finish the handling"), 10),
        "archive": (_lt("Archive"), 5),
    }

    document_id = fields.Many2one(
        "oa.document",
        string="Outgoing Document",
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    name = fields.Char(
        string="Title", compute="_compute_from_document", store=True, readonly=True
    )
    document_number = fields.Char(
        compute="_compute_from_document",
        store=True,
        index=True,
        readonly=True,
    )
    issuing_unit_id = fields.Many2one(
        "hr.department",
        string="From Unit",
        compute="_compute_from_document",
        store=True,
        readonly=True,
    )
    kind = fields.Selection(related="document_id.kind", store=True)
    urgency = fields.Selection(related="document_id.urgency", store=True)
    body = fields.Html(related="document_id.body", string="Main Text")
    attachment_ids = fields.Many2many(
        related="document_id.attachment_ids", string="Attachments"
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Receiving Unit",
        required=True,
        index=True,
        readonly=True,
        domain=[("is_oa_unit", "=", True)],
    )
    recipient_type = fields.Selection(
        [("main", "Main"), ("copy", "Copy")],
        required=True,
        default="main",
        readonly=True,
    )
    state = fields.Selection(
        INCOMING_STATES,
        required=True,
        default="to_receive",
        tracking=True,
        index=True,
        readonly=True,
    )
    receipt_number = fields.Char(readonly=True, copy=False)
    # who did each step and when: read from its row (``STEP_DONE_FIELDS``)
    received_by_id = fields.Many2one(
        "res.users", string="Received By", compute="_compute_step_done"
    )
    date_received = fields.Datetime(
        string="Received On",
        compute="_compute_step_done",
        search="_search_date_received",
    )
    proposal = fields.Text(
        string="Proposed Handling",
        readonly=True,
        help="拟办意见, written by the clerk in the dialog of the step.",
    )
    leader_id = fields.Many2one("res.users", string="Instructing Leader", tracking=True)
    proposed_by_id = fields.Many2one(
        "res.users", string="Proposed By", compute="_compute_step_done"
    )
    date_proposed = fields.Datetime(string="Proposed On", compute="_compute_step_done")
    instruction = fields.Text(
        string="Leader's Instruction",
        readonly=True,
        help="批示, written by the leader in the dialog of the step.",
    )
    handler_ids = fields.Many2many("res.users", string="Handlers", tracking=True)
    # who may be chosen (the pickers of the form offer only them)
    leader_candidate_ids = fields.Many2many(
        "res.users",
        string="Eligible Instructing Leaders",
        compute="_compute_candidate_ids",
        help="The leader in charge of the receiving unit and the company leaders.",
    )
    handler_candidate_ids = fields.Many2many(
        "res.users",
        string="Eligible Handlers",
        compute="_compute_candidate_ids",
        help="The active internal users of the receiving unit and of its sub-units.",
    )
    instructed_by_id = fields.Many2one(
        "res.users", string="Instructed By", compute="_compute_step_done"
    )
    date_instructed = fields.Datetime(
        string="Instructed On", compute="_compute_step_done"
    )
    started_by_id = fields.Many2one(
        "res.users", string="Handling Started By", compute="_compute_step_done"
    )
    date_started = fields.Datetime(
        string="Handling Started On", compute="_compute_step_done"
    )
    feedback = fields.Text(string="Handling Feedback", tracking=True)
    done_by_id = fields.Many2one(
        "res.users", string="Finished By", compute="_compute_step_done"
    )
    date_done = fields.Datetime(string="Done On", compute="_compute_step_done")
    archived_by_id = fields.Many2one(
        "res.users", string="Archived By", compute="_compute_step_done"
    )
    date_archived = fields.Datetime(string="Archived On", compute="_compute_step_done")
    # Paper copy received in parallel during the trial run: recorded only, it
    # never moves the electronic flow (纸质文件先于电子文件送达时不得转入下一流程).
    paper_received = fields.Boolean(
        string="Paper Copy Received", tracking=True, readonly=True
    )
    paper_received_date = fields.Datetime(
        string="Paper Copy Received On", readonly=True
    )
    paper_received_by_id = fields.Many2one(
        "res.users", string="Paper Copy Recorded By", readonly=True
    )
    actor_ids = fields.Many2many(
        "res.users",
        "oa_document_incoming_actor_rel",
        "incoming_id",
        "user_id",
        string="May Act",
        compute="_compute_actor_ids",
        store=True,
        help="Clerks and administrators of the receiving unit, the leader, the "
        "handlers and their proxies.",
    )
    # what the current user may do (the buttons of the form)
    oa_can_act = fields.Boolean(
        string="Can Act",
        compute="_compute_oa_can",
        help="The current user does the next step.",
    )
    oa_can_record_paper = fields.Boolean(
        string="Can Record the Paper Copy", compute="_compute_oa_can"
    )
    # who holds the receipt now (当前办理人), proxies included
    holder_ids = fields.Many2many(
        "res.users",
        string="Current Holders",
        compute="_compute_holders",
        search="_search_holder_ids",
        help="Who the receipt waits for now and their proxies.",
    )
    holder_display = fields.Char(string="Current Holder", compute="_compute_holders")
    last_action_by_id = fields.Many2one(
        "res.users", string="Last Acted By", readonly=True
    )
    last_action_for_id = fields.Many2one(
        "res.users", string="On Behalf Of", readonly=True
    )

    @api.depends("document_id")
    def _compute_from_document(self):
        for inc in self:
            doc = inc.document_id.sudo()
            if doc:
                inc.name = doc.name
                inc.document_number = doc.number
                inc.issuing_unit_id = doc.issuing_unit_id

    @api.depends("unit_id", "leader_id", "handler_ids")
    def _compute_actor_ids(self):
        clerks_by_unit = self._receipt_clerks_by_unit(self.unit_id)
        people = self.leader_id | self.handler_ids
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(people)
        for inc in self:
            actors = (
                clerks_by_unit.get(inc.unit_id.id, self.env["res.users"])
                | inc.leader_id
                | inc.handler_ids
            )
            for user in inc.leader_id | inc.handler_ids:
                actors |= proxies[user.id]
            inc.actor_ids = actors

    @api.depends("unit_id")
    def _compute_candidate_ids(self):
        company_leaders = self._company_leaders()
        handlers_by_unit = {}
        for inc in self:
            inc.leader_candidate_ids = inc._leader_candidates(company_leaders)
            unit = inc.unit_id
            if unit.id not in handlers_by_unit:
                handlers_by_unit[unit.id] = inc._handler_candidates()
            inc.handler_candidate_ids = handlers_by_unit[unit.id]

    @api.depends("state", "oa_step_ids.state", "oa_step_ids.user_ids")
    def _compute_holders(self):
        """The users the pending step waits for and their proxies, in one
        batch (``flow_step_reads``)."""
        compute_holders(self)

    def _search_holder_ids(self, operator, value):
        return search_holders(self, operator, value)

    @api.depends(
        "state",
        "oa_step_ids.state",
        "oa_step_ids.acted_by_id",
        "oa_step_ids.date_end",
    )
    def _compute_step_done(self):
        """Who did each step and when, from the steps' rows: one query for
        all the receipts."""
        done = last_done_steps(self, STEP_DONE_FIELDS)
        for inc in self:
            for step_type, (by, when) in STEP_DONE_FIELDS.items():
                step = done.get((inc._origin.id, step_type))
                inc[by] = step.acted_by_id if step else False
                inc[when] = step.date_end if step else False

    def _search_date_received(self, operator, value):
        return search_step_date(self, "receive", operator, value)

    @api.depends("state", "leader_id", "handler_ids", "paper_received")
    @api.depends_context("uid")
    def _compute_oa_can(self):
        user = self.env.user
        Proxy = self.env["oa.proxy"].sudo()
        for inc in self:
            clerks = inc.sudo()._allowed_users("clerk")
            inc.oa_can_act = bool(Proxy._acting_as(user, inc.sudo()._next_actors()))
            inc.oa_can_record_paper = not inc.paper_received and bool(
                Proxy._acting_as(user, clerks)
            )

    # ---- Protected fields ----

    @api.model
    def _oa_protected_fields(self):
        """Fields only the flow writes (the ``_do_*`` transitions, as
        superuser after their guard passed): refused in ``create`` and
        ``write`` for every other caller, whatever the context."""
        return super()._oa_protected_fields() | {
            "document_id",
            "name",
            "document_number",
            "issuing_unit_id",
            "kind",
            "urgency",
            "body",
            "attachment_ids",
            "unit_id",
            "recipient_type",
            "state",
            "receipt_number",
            "received_by_id",
            "date_received",
            "proposed_by_id",
            "date_proposed",
            "instructed_by_id",
            "date_instructed",
            "started_by_id",
            "date_started",
            "done_by_id",
            "date_done",
            "archived_by_id",
            "date_archived",
            "paper_received",
            "paper_received_date",
            "paper_received_by_id",
            "actor_ids",
            "last_action_by_id",
            "last_action_for_id",
            "proposal",
            "instruction",
        }

    def _field_labels(self, names):
        return field_labels(self, names)

    def _check_step_inputs_writable(self, vals):
        """The inputs of a step are written only while the receipt waits for
        that step, and only by its actor (or his proxy)."""
        if self.env.su:
            return
        inputs = set(vals) & set(STEP_INPUTS)
        for inc in self:
            for name in inputs:
                state, role = STEP_INPUTS[name]
                if inc.state != state:
                    raise UserError(
                        self.env._(
                            "%(field)s of “%(title)s” can only be written at the "
                            "stage “%(stage)s”; the receipt is now “%(state)s”.",
                            field=self._field_labels([name]),
                            title=inc.name,
                            stage=selection_label(self, "state", state),
                            state=selection_label(self, "state", inc.state),
                        )
                    )
                inc._check_actor(role)
            if vals.get("leader_id"):
                inc._check_leader_eligible(
                    self.env["res.users"].browse(vals["leader_id"])
                )
            if "handler_ids" in vals:
                inc._check_handlers_eligible(inc._handlers_after(vals["handler_ids"]))

    def _handlers_after(self, value):
        """The handlers the receipt would have once ``value`` (the
        ``handler_ids`` of a write: commands, ids or users) is written; a
        user created on the way is refused (he is none of the candidates)."""
        self.ensure_one()
        Users = self.env["res.users"]
        if isinstance(value, models.BaseModel):
            return value
        ids = OrderedSet(self.sudo().handler_ids.ids)
        for command in value or ():
            if not isinstance(command, list | tuple):
                ids.add(command)
            elif command[0] == Command.SET:
                ids = OrderedSet(command[2] or ())
            elif command[0] == Command.CLEAR:
                ids.clear()
            elif command[0] in (Command.UNLINK, Command.DELETE):
                ids.discard(command[1])
            elif command[0] in (Command.LINK, Command.UPDATE):
                ids.add(command[1])
            elif command[0] == Command.CREATE:
                raise self._handlers_refusal([command[2].get("name") or "?"])
        return Users.browse(ids)

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Incoming documents are created only by the distribution of an "
                    "outgoing document; they cannot be registered by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_step_inputs_writable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Incoming documents are never deleted."))

    # ---- Actions ----

    def action_receive(self):
        """签收: the receiving unit's clerk signs for the document; it is
        registered with the unit's next receipt number."""
        for inc in self:
            principal = inc._check_can_receive()
            inc._do_receive(principal)
        return self._holder_notice(True)

    def action_propose(self, opinion=False):
        """拟办: the clerk proposes the handling (his opinion) to the leader
        chosen on the receipt."""
        opinion = self._check_opinion_argument(opinion)
        for inc in self:
            principal = inc._check_can_propose(opinion)
            inc._do_propose(principal, opinion)
        return self._holder_notice(True)

    def action_instruct(self, opinion=False):
        """批办: the chosen leader instructs (批示) the handlers named on the
        receipt."""
        opinion = self._check_opinion_argument(opinion)
        for inc in self:
            principal = inc._check_can_instruct(opinion)
            inc._do_instruct(principal, opinion)
        return self._holder_notice(True)

    def action_open_opinion_wizard(self):
        """The 拟办/批办 button: check what can be checked, then ask the
        opinion in a short dialog."""
        self.ensure_one()
        step = {"registered": "propose", "proposed": "instruct"}.get(self.state)
        if not step:
            self._check_state("registered")
        # the opinion is asked next (None: not checked yet)
        if step == "propose":
            self._check_can_propose(None)
        else:
            self._check_can_instruct(None)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Proposed Handling")
            if step == "propose"
            else self.env._("Instruction"),
            "res_model": "oa.document.opinion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_incoming_id": self.id,
                "default_step_type": step,
            },
        }

    def action_start(self):
        """承办: a handler starts handling."""
        for inc in self:
            principal = inc._check_can_start()
            inc._do_start(principal)
        return self._holder_notice(True)

    def action_finish(self):
        """办结: a handler reports the feedback; the handling is done."""
        for inc in self:
            principal = inc._check_can_finish()
            inc._do_finish(principal)
        return self._holder_notice(True)

    def action_archive_incoming(self):
        """归档: the clerk archives the handled document."""
        for inc in self:
            principal = inc._check_can_archive()
            inc._do_archive(principal)
        return self._holder_notice(True)

    def action_record_paper_received(self):
        """Record that the paper copy arrived (parallel running): the date
        only, the state stays where the electronic flow is."""
        for inc in self:
            principal = inc._check_can_record_paper()
            inc._do_record_paper(principal)
        return True

    # ---- Guards ----

    def _allowed_users(self, role):
        """Who acts as ``role`` on this receipt (see ``STEP_INPUTS``)."""
        self.ensure_one()
        if role == "leader":
            return self.leader_id
        if role == "handler":
            return self.handler_ids
        return self._receipt_clerks_by_unit(self.unit_id)[self.unit_id.id]

    def _check_actor(self, role):
        """Return the user the current user acts as for ``role`` (himself or
        his principal in a proxy window), or raise."""
        self.ensure_one()
        user = self.env.user
        if self.env.su:
            return user
        principal = (
            self.env["oa.proxy"].sudo()._acting_as(user, self._allowed_users(role))
        )
        if principal:
            self._check_flow_actor()
            return principal.with_env(self.env)
        raise AccessError(
            self.env._("You may not do this step of “%(title)s”.", title=self.name)
        )

    def _check_state(self, state):
        self.ensure_one()
        if self.state != state:
            raise UserError(
                self.env._(
                    "“%(title)s” is %(state)s: this step is not possible now.",
                    title=self.name,
                    state=selection_label(self, "state", self.state),
                )
            )

    def _check_can_receive(self):
        self._check_state("to_receive")
        return self._check_actor("clerk")

    def _check_opinion_argument(self, opinion):
        return clean_opinion(self.env, opinion)

    def _check_opinion(self, step, opinion):
        self.ensure_one()
        if opinion is None:  # the dialog asks it next
            return
        if not opinion and self.unit_id._oa_opinion_required(step):
            raise UserError(
                self.env._(
                    "Write the %(what)s: %(unit)s requires it.",
                    what=self._field_labels([OPINION_FIELDS[step]]),
                    unit=self.unit_id.sudo().name,
                )
            )

    def _check_can_propose(self, opinion=False):
        self._check_state("registered")
        principal = self._check_actor("clerk")
        if not self.leader_id:
            raise UserError(self.env._("Choose the instructing leader."))
        self._check_leader_eligible(self.leader_id)
        self._check_opinion("propose", opinion)
        return principal

    @api.model
    def _company_leaders(self):
        """The active company leaders (group ``oa_base.group_oa_leader``)."""
        Users = self.env["res.users"]
        return Users.browse(Users._oa_group_user_ids("oa_base.group_oa_leader"))

    def _leader_candidates(self, company_leaders=None):
        """THE rule of who may instruct the receipt (批办领导): the receiving
        unit's leader in charge, first, then the company leaders (choosing
        one also lets him read the receipt).  The form's picker offers them
        (``leader_candidate_ids``), ``_check_leader_eligible`` refuses
        anyone else."""
        self.ensure_one()
        if company_leaders is None:
            company_leaders = self._company_leaders()
        return self.unit_id._oa_role_users("leader") | company_leaders

    def _default_leader(self):
        """The leader proposed to the clerk when he registers the receipt:
        the receiving unit's leader in charge, if it has one."""
        self.ensure_one()
        return self.unit_id._oa_role_users("leader")[:1]

    def _handler_candidates(self):
        """THE rule of who may handle the receipt (承办人): the active
        internal users of the receiving unit and of its sub-units (the
        leader hands the work down to the people of the unit's tree, as a
        unit's administrators and its clerks serve its sub-units).  The
        form's picker offers them (``handler_candidate_ids``),
        ``_check_handlers_eligible`` refuses anyone else."""
        self.ensure_one()
        # the "user" role of _oa_role_users over the unit's tree, in one query
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [("oa_unit_id", "child_of", self.unit_id.id), ("share", "=", False)]
            )
        )
        return users.with_env(self.env)

    def _check_handlers_eligible(self, handlers):
        """The handlers are chosen among ``_handler_candidates``."""
        self.ensure_one()
        outside = handlers - self._handler_candidates()
        if outside:
            raise self._handlers_refusal(outside.sudo().mapped("name"))

    def _handlers_refusal(self, names):
        return UserError(
            self.env._(
                "%(users)s may not handle “%(title)s”: the handlers are chosen "
                "among the active users of %(unit)s and of its sub-units.",
                users=format_list(self.env, names),
                title=self.name,
                unit=self.unit_id.sudo().name,
            )
        )

    def _check_leader_eligible(self, leader):
        """The instructing leader is one of ``_leader_candidates``."""
        self.ensure_one()
        if leader and leader not in self._leader_candidates():
            raise UserError(
                self.env._(
                    "%(user)s is neither the leader in charge of %(unit)s nor a "
                    "company leader: choose one of them to instruct.",
                    user=leader.sudo().name,
                    unit=self.unit_id.sudo().name,
                )
            )

    def _check_can_instruct(self, opinion=False):
        self._check_state("proposed")
        principal = self._check_actor("leader")
        if not self.handler_ids:
            raise UserError(self.env._("Choose the handlers."))
        # handlers set otherwise (or no longer eligible) are checked again
        self._check_handlers_eligible(self.handler_ids)
        self._check_opinion("instruct", opinion)
        return principal

    def _check_can_start(self):
        self._check_state("instructed")
        return self._check_actor("handler")

    def _check_can_finish(self):
        self._check_state("handling")
        principal = self._check_actor("handler")
        if not (self.feedback or "").strip():
            raise UserError(self.env._("Write the handling feedback before finishing."))
        return principal

    def _check_can_archive(self):
        self._check_state("done")
        return self._check_actor("clerk")

    def _check_can_record_paper(self):
        self.ensure_one()
        if self.paper_received:
            raise UserError(
                self.env._(
                    "The paper copy of “%(title)s” is already recorded.",
                    title=self.name,
                )
            )
        return self._check_actor("clerk")

    # ---- Transitions ----

    def _step_vals(self, principal, state=None):
        user = self.env.user
        vals = {
            "last_action_by_id": user.id,
            "last_action_for_id": principal.id if principal != user else False,
        }
        if state:
            vals["state"] = state
        return vals

    def _do_receive(self, principal):
        inc = self.sudo()
        year = fields.Date.context_today(self).year
        seq = (
            self.env["oa.document.number.counter"]
            .sudo()
            ._take_next(inc.unit_id, "incoming", year)
        )
        short = inc.unit_id.oa_short_name or inc.unit_id.name
        vals = {
            **self._step_vals(principal, "registered"),
            "receipt_number": f"{short}收〔{year}〕{seq}号",
        }
        # the clerk chooses the instructing leader next: the unit's leader
        # in charge is proposed (he may still choose another one)
        if not inc.leader_id:
            vals["leader_id"] = inc._default_leader().id
        inc.write(vals)
        self._after_step(principal)

    def _do_propose(self, principal, opinion=False):
        self.sudo().write(
            {
                **self._step_vals(principal, "proposed"),
                "proposal": opinion,
            }
        )
        self._after_step(principal, opinion, opinion)

    def _do_instruct(self, principal, opinion=False):
        self.sudo().write(
            {
                **self._step_vals(principal, "instructed"),
                "instruction": opinion,
            }
        )
        self._after_step(principal, opinion, opinion)

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values and self.state in STATE_SUBTYPES:
            return self._oa_subtype(STATE_SUBTYPES[self.state])
        return super()._track_subtype(init_values)

    def _do_start(self, principal):
        self.sudo().write(self._step_vals(principal, "handling"))
        self._after_step(principal)

    def _do_finish(self, principal):
        self.sudo().write(self._step_vals(principal, "done"))
        self._after_step(principal, self.sudo().feedback)

    def _do_archive(self, principal):
        self.sudo().write(self._step_vals(principal, "archived"))
        self._after_step(principal)

    def _do_record_paper(self, principal):
        self.sudo().write(
            {
                **self._step_vals(principal),
                "paper_received": True,
                "paper_received_date": fields.Datetime.now(),
                "paper_received_by_id": self.env.user.id,
            }
        )

    def _after_step(self, principal, comment=False, opinion=False):
        """Hand the work over: the step's row records who acted (and for
        whom) and his opinion, the next step's row opens with its deadline
        and the to-dos of whoever acts next; "X on behalf of Y" when a proxy
        acted."""
        inc = self.sudo()
        user = self.env.user
        if inc.state in STEP_DONE:
            # the state change in the chatter says what was done, by whom,
            # with the opinion he wrote (one message per step)
            body = self.env._(
                "%(what)s by %(user)s.",
                what=STEP_DONE[inc.state](self.env),
                user=user.name,
            )
            if principal != user:
                body = Markup("%s<br/>%s") % (
                    body,
                    self.env._(
                        "%(proxy)s on behalf of %(user)s.",
                        proxy=user.name,
                        user=principal.name,
                    ),
                )
            if opinion:
                body = Markup("%s<br/>%s") % (body, opinion)
            inc._oa_step_log(body, STATE_SUBTYPES.get(inc.state))
        next_type = STATE_STEP.get(inc.state)
        self._oa_step_advance(
            principal, next_type, next_type and inc._next_actors(), comment
        )

    def _holder_notice(self, acted=False):
        """The client action shown to the actor after his step: what he
        did, and who holds the receipt now (with their proxies) or that the
        handling has ended; the form reloads to show its new state."""
        if len(self) != 1:
            return True
        self.invalidate_recordset(["holder_ids", "holder_display"])
        inc = self.sudo()
        what = (
            STEP_DONE[inc.state](self.env)
            if acted and inc.state in STEP_DONE
            else self.env._("Done")
        )
        holders = inc.holder_display if inc.holder_ids else False
        return action_notice(self, what, holders)

    def _next_actors(self, clerks_by_unit=None):
        """Who the receipt waits for in its state (empty when it waits for
        nobody): the clerks sign for it, register and propose its handling
        and archive it; the leader instructs; the handlers handle it."""
        self.ensure_one()
        if self.state in ("to_receive", "registered", "done"):
            if clerks_by_unit is not None:
                return clerks_by_unit.get(self.unit_id.id, self.env["res.users"])
            return self._allowed_users("clerk")
        if self.state == "proposed":
            return self.leader_id
        if self.state in ("instructed", "handling"):
            return self.handler_ids
        return self.env["res.users"]
