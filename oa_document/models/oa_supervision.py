# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from odoo.addons.oa_base.tools.labels import field_labels
from odoo.addons.oa_base.tools.local_time import company_tz, to_utc

from .common import action_notice, selection_label
from .flow_step_reads import compute_holders, last_done_steps, search_holders

_lt = LazyTranslate(__name__)

# Who opens supervision items (督办): the company office's supervision
# officers, the company leaders and the project group.
SUPERVISOR_GROUPS = (
    "oa_document.group_oa_supervisor",
    "oa_base.group_oa_leader",
    "oa_base.group_oa_project",
)
# What the supervisor writes when he opens the item, and may still correct
# while the responsible unit has not answered.
CONTENT_FIELDS = {"name", "requirement", "unit_id", "document_id"}
# States in which the responsible unit works on its feedback.
WORKING_STATES = ("open", "overdue")


class OaSupervision(models.Model):
    """A supervision item (督办/催办): a responsible unit must give feedback
    by a deadline; reminders before and after it, escalation to the unit's
    leader in charge.

    Opened by a supervisor (``SUPERVISOR_GROUPS``); the responsible unit
    (the responsible person, the unit's leader in charge and administrators)
    writes and submits its feedback; the supervisor who opened the item
    accepts it — which closes the item — or returns it.  Only the supervisor
    (or the project group) moves the deadline, with a reason kept in
    ``deadline_change_ids``.  The fields of ``_oa_protected_fields`` change
    only in the ``_do_*`` transitions."""

    _name = "oa.supervision"
    _description = "Supervision Item"
    _inherit = [
        "oa.flow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _mail_post_access = "read"
    _order = "date_deadline, id"
    # the steps (oa.flow.step rows): the feedback is due on the item's own
    # deadline; the supervisor reviews it within two working days
    # read from the step rows (who gave the feedback, who closed it, holders)
    _oa_step_read_fields = (
        "feedback_by_id",
        "date_feedback",
        "closed_by_id",
        "date_closed",
        "holder_ids",
        "holder_display",
    )
    _oa_flow_steps = {
        "feedback": (_lt("Give feedback"), 0),
        "accept": (_lt("Review the feedback"), 2),
    }

    name = fields.Char(string="Subject", required=True, tracking=True)
    document_id = fields.Many2one(
        "oa.document", string="Supervision Notice", index=True
    )
    requirement = fields.Text(required=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        required=True,
        index=True,
        domain=[("is_oa_unit", "=", True)],
        tracking=True,
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    supervisor_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        default=lambda self: self.env.user,
        required=True,
        readonly=True,
        index=True,
        help="Who opened the item: he alone accepts the feedback.",
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    feedback = fields.Text(tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("overdue", "Overdue"),
            ("submitted", "Feedback Submitted"),
            ("closed", "Closed"),
        ],
        default="open",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
    )
    # who submitted the feedback (the user a proxy acted for) and when, who
    # accepted it and when: read from the steps' rows
    feedback_by_id = fields.Many2one(
        "res.users", string="Feedback Submitted By", compute="_compute_step_done"
    )
    date_feedback = fields.Datetime(
        string="Feedback Submitted On", compute="_compute_step_done"
    )
    closed_by_id = fields.Many2one(
        "res.users", string="Accepted By", compute="_compute_step_done"
    )
    date_closed = fields.Datetime(compute="_compute_step_done")
    reminder_count = fields.Integer(readonly=True)
    reminded_deadline = fields.Date(
        readonly=True, help="The deadline the last reminder before it was sent for."
    )
    escalated = fields.Boolean(readonly=True)
    return_count = fields.Integer(string="Times Returned", readonly=True)
    deadline_change_ids = fields.One2many(
        "oa.supervision.deadline.change",
        "supervision_id",
        string="Deadline Changes",
        readonly=True,
    )

    actor_ids = fields.Many2many(
        "res.users",
        "oa_supervision_actor_rel",
        "supervision_id",
        "user_id",
        string="May Act",
        compute="_compute_actor_ids",
        store=True,
        help="The supervisor, the responsible person, the responsible unit's "
        "leader in charge and administrators, and their proxies.",
    )
    # who holds the item now (当前办理人), proxies included
    holder_ids = fields.Many2many(
        "res.users",
        string="Current Holders",
        compute="_compute_holders",
        search="_search_holder_ids",
        help="The responsible person while the item is worked on, the "
        "supervisor while its feedback waits for review, and their proxies.",
    )
    holder_display = fields.Char(string="Current Holder", compute="_compute_holders")
    # what the current user may do (buttons and editable fields of the form)
    is_supervisor = fields.Boolean(compute="_compute_user_can")
    can_give_feedback = fields.Boolean(compute="_compute_user_can")
    can_assign = fields.Boolean(compute="_compute_user_can")
    can_change_deadline = fields.Boolean(compute="_compute_user_can")

    @api.depends_context("uid")
    @api.depends("supervisor_id", "responsible_id", "unit_id")
    def _compute_user_can(self):
        project = self.env.user._oa_is_project()
        for item in self:
            supervisor = bool(
                self.env.su
                or not item.supervisor_id
                or item._acting_as(item.supervisor_id)
            )
            responsible = bool(item._acting_as(item._responsible_users()))
            item.is_supervisor = supervisor
            item.can_give_feedback = self.env.su or responsible
            item.can_assign = supervisor or bool(
                item._acting_as(
                    item.unit_id._oa_role_users("leader")
                    | item.unit_id._oa_role_users("admin")
                )
            )
            item.can_change_deadline = supervisor or project

    @api.depends(
        "supervisor_id",
        "responsible_id",
        "unit_id.oa_leader_id",
        "unit_id.oa_admin_ids",
    )
    def _compute_actor_ids(self):
        """Who may act on the item, proxies included (refreshed when a proxy
        window is named: ``res.users._oa_refresh_open_steps``)."""
        people = {item: item.supervisor_id | item._responsible_users() for item in self}
        everyone = self.env["res.users"].union(*people.values())
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(everyone)
        for item, users in people.items():
            actors = users
            for user in users:
                actors |= proxies[user.id]
            item.actor_ids = actors

    @api.depends("state", "oa_step_ids.state", "oa_step_ids.user_ids")
    def _compute_holders(self):
        """The users the pending step waits for (the responsible person, or
        the unit's leader, while the item is worked on; the supervisor while
        its feedback waits for review) and their proxies, in one batch."""
        compute_holders(self)

    def _search_holder_ids(self, operator, value):
        return search_holders(self, operator, value)

    @api.depends(
        "state",
        "oa_step_ids.state",
        "oa_step_ids.acted_by_id",
        "oa_step_ids.on_behalf_of_id",
        "oa_step_ids.date_end",
    )
    def _compute_step_done(self):
        """From the last feedback and review rows, one query for all the
        items.  A returned feedback's review is done too (the reason is its
        opinion): only a closed item was accepted."""
        done = last_done_steps(self, ("feedback", "accept"))
        for item in self:
            feedback = done.get((item._origin.id, "feedback"))
            accept = item.state == "closed" and done.get((item._origin.id, "accept"))
            item.feedback_by_id = (
                (feedback.on_behalf_of_id or feedback.acted_by_id)
                if feedback
                else False
            )
            item.date_feedback = feedback.date_end if feedback else False
            item.closed_by_id = accept.acted_by_id if accept else False
            item.date_closed = accept.date_end if accept else False

    def _holder_notice(self, what):
        """What the actor did and who holds the item now."""
        if len(self) != 1:
            return True
        self.invalidate_recordset(["holder_ids", "holder_display"])
        item = self.sudo()
        return action_notice(
            self, what, item.holder_display if item.holder_ids else False
        )

    @api.depends("unit_id")
    def _compute_responsible_id(self):
        for item in self:
            if item.responsible_id not in item._unit_members():
                item.responsible_id = item.unit_id.oa_leader_id

    def _unit_members(self):
        self.ensure_one()
        unit = self.unit_id.sudo()
        if not unit:
            return self.env["res.users"]
        members = (
            self.env["res.users"].sudo().search([("oa_unit_id", "child_of", unit.id)])
        )
        return (members | unit._oa_role_users("leader")).with_env(self.env)

    @api.constrains("responsible_id", "unit_id")
    def _check_responsible_in_unit(self):
        for item in self:
            if item.responsible_id and item.responsible_id not in item._unit_members():
                raise ValidationError(
                    self.env._(
                        "%(user)s does not belong to %(unit)s: the responsible person "
                        "must be a member or the leader in charge of the responsible "
                        "unit.",
                        user=item.responsible_id.name,
                        unit=item.unit_id.name,
                    )
                )

    # ---- Protected fields ----

    @api.model
    def _oa_protected_fields(self):
        """Fields only the flow writes: refused in ``create`` and ``write``
        for every caller but the transitions (superuser after their guard),
        whatever the context.  The deadline is given at creation, then moves
        only through ``_action_change_deadline``."""
        return super()._oa_protected_fields() | {
            "supervisor_id",
            "state",
            "feedback_by_id",
            "date_feedback",
            "closed_by_id",
            "date_closed",
            "reminder_count",
            "reminded_deadline",
            "escalated",
            "return_count",
            "deadline_change_ids",
            "actor_ids",
        }

    def _field_labels(self, names):
        return field_labels(self, names)

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_can_create()
            for vals in vals_list:
                if "feedback" in vals:
                    raise UserError(
                        self.env._("The feedback is written by the responsible unit.")
                    )
                self._check_document_readable(vals)
                try:
                    deadline = fields.Date.to_date(vals.get("date_deadline"))
                except (TypeError, ValueError):
                    raise UserError(
                        self.env._("Choose a valid new deadline.")
                    ) from None
                if deadline and deadline < fields.Date.context_today(self):
                    raise UserError(
                        self.env._("The deadline of a new item cannot be in the past.")
                    )
        items = super().create(vals_list)
        items._todo_open()
        return items

    def _feedback_deadlines(self):
        """``{item id: deadline}``: the end of the item's deadline day in
        the company's time zone (naive UTC)."""
        tz = company_tz(self.env)
        return {
            item.id: to_utc(
                self.env,
                datetime.combine(item.date_deadline + timedelta(days=1), time.min),
                tz,
            )
            for item in self
            if item.date_deadline
        }

    def _feedback_users(self):
        """Whom the feedback step waits for: the responsible person, else the
        unit's leader in charge, else its system administrators — never
        nobody (they may all answer, ``_responsible_users``)."""
        return {
            item.id: item.responsible_id
            or item.unit_id._oa_role_users("leader")
            or item.unit_id._oa_role_users("admin")
            for item in self.sudo()
        }

    def _todo_open(self):
        """The feedback step: the responsible person (else the unit's
        leader) answers by the item's deadline; his to-do says it."""
        self.sudo()._oa_step_open(
            "feedback",
            self._feedback_users(),
            deadlines=self.sudo()._feedback_deadlines(),
        )

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed(set(vals))
            self._check_document_readable(vals)
        res = super().write(vals)
        if {"responsible_id", "unit_id"} & set(vals):
            # the step and its to-do follow the person now responsible (a
            # new unit gives its leader, unless the person is one of it)
            working = self.filtered(lambda i: i.state in WORKING_STATES).sudo()
            working._oa_step_reassign(working._feedback_users())
        return res

    def _check_document_readable(self, vals):
        """The supervision notice linked must be one the user can read."""
        if vals.get("document_id"):
            self.env["oa.document"].browse(vals["document_id"]).check_access("read")

    def _check_write_allowed(self, names):
        if "date_deadline" in names:
            # given at creation, then moved only by ``_action_change_deadline``
            raise self._oa_flow_refused({"date_deadline"})
        content = names & CONTENT_FIELDS
        for item in self:
            if content:
                item._check_working(self._field_labels(content))
                item._check_supervisor()
            if "responsible_id" in names:
                item._check_working(self._field_labels(["responsible_id"]))
                item._check_can_assign()
            if "feedback" in names:
                item._check_working(self._field_labels(["feedback"]))
                item._check_responsible()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("Supervision items are never deleted; they are closed.")
            )

    # ---- Actions ----

    def action_submit_feedback(self):
        """The responsible unit submits its feedback to the supervisor."""
        for item in self:
            principal = item._check_can_submit_feedback()
            item._do_submit_feedback(principal)
        return self._holder_notice(self.env._("Feedback submitted"))

    def action_accept_feedback(self):
        """The supervisor accepts the feedback: the item is closed."""
        for item in self:
            item._check_can_accept()
            item._do_close()
        return self._holder_notice(self.env._("Feedback accepted"))

    def action_open_return_wizard(self):
        self.ensure_one()
        self._check_can_return()
        return self._wizard_action(
            "oa.supervision.return.wizard", self.env._("Return the Feedback")
        )

    def action_open_deadline_wizard(self):
        self.ensure_one()
        self._check_can_change_deadline()
        return self._wizard_action(
            "oa.supervision.deadline.wizard", self.env._("Change the Deadline")
        )

    def _wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_supervision_id": self.id},
        }

    def _action_return_feedback(self, reason):
        """Called by the return wizard: the feedback goes back to the
        responsible unit with the supervisor's reason."""
        self.ensure_one()
        self._check_can_return()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for returning the feedback."))
        self._do_return(reason)
        item = self.sudo()
        return self._holder_notice(
            self.env._(
                "Feedback returned to %(user)s",
                user=(item.responsible_id or item.unit_id.oa_leader_id).name,
            )
        )

    def _action_change_deadline(self, date_deadline, reason):
        """Called by the deadline wizard: move the deadline, keeping why."""
        self.ensure_one()
        self._check_can_change_deadline()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for changing the deadline."))
        try:
            new = fields.Date.to_date(date_deadline)
        except (TypeError, ValueError):
            new = None
        if not new:
            raise UserError(self.env._("Choose a valid new deadline."))
        if new < fields.Date.context_today(self):
            raise UserError(self.env._("The new deadline cannot be in the past."))
        if new == self.date_deadline:
            raise UserError(self.env._("The new deadline is the current one."))
        self._do_change_deadline(new, reason)
        return True

    # ---- Guards ----

    @api.model
    def _is_supervisor_user(self, user):
        return any(user.has_group(group) for group in SUPERVISOR_GROUPS)

    @api.model
    def _check_can_create(self):
        if self.env.su or self._is_supervisor_user(self.env.user):
            self._check_flow_actor()
            return
        raise AccessError(
            self.env._(
                "Only supervision officers of the company office, company leaders "
                "and the project group open supervision items."
            )
        )

    def _check_working(self, what):
        self.ensure_one()
        if self.state not in WORKING_STATES:
            raise UserError(
                self.env._(
                    "“%(subject)s” is %(state)s: %(what)s can no longer change.",
                    subject=self.name,
                    state=selection_label(self, "state", self.state),
                    what=what,
                )
            )

    def _check_state(self, states):
        self.ensure_one()
        if self.state not in states:
            raise UserError(
                self.env._(
                    "“%(subject)s” is %(state)s: this is not possible now.",
                    subject=self.name,
                    state=selection_label(self, "state", self.state),
                )
            )

    def _acting_as(self, users):
        return self.env["oa.proxy"].sudo()._acting_as(self.env.user, users)

    def _responsible_users(self):
        """The responsible unit: the responsible person, the unit's leader
        in charge and its system administrators."""
        self.ensure_one()
        return (
            self.responsible_id
            | self.unit_id._oa_role_users("leader")
            | self.unit_id._oa_role_users("admin")
        )

    def _check_responsible(self):
        """Return the user of the responsible unit the current user acts as
        (himself or his principal), or raise."""
        self.ensure_one()
        if self.env.su:
            return self.env.user
        principal = self._acting_as(self._responsible_users())
        if not principal:
            raise AccessError(
                self.env._(
                    "Only the responsible unit of “%(subject)s” can write and "
                    "submit its feedback.",
                    subject=self.name,
                )
            )
        self._check_flow_actor()
        return principal

    def _check_supervisor(self):
        self.ensure_one()
        if self.env.su or self._acting_as(self.supervisor_id):
            self._check_flow_actor()
            return
        raise AccessError(
            self.env._(
                "Only %(user)s, who opened “%(subject)s”, can do this.",
                user=self.supervisor_id.sudo().name,
                subject=self.name,
            )
        )

    def _check_can_assign(self):
        """The responsible person is chosen by the supervisor or by the
        responsible unit's leader in charge and administrators."""
        self.ensure_one()
        unit_heads = self.unit_id._oa_role_users(
            "leader"
        ) | self.unit_id._oa_role_users("admin")
        if self.env.su or self._acting_as(self.supervisor_id | unit_heads):
            self._check_flow_actor()
            return
        raise AccessError(
            self.env._(
                "Only the supervisor or the responsible unit's leader in charge and "
                "administrators choose who answers “%(subject)s”.",
                subject=self.name,
            )
        )

    def _check_can_submit_feedback(self):
        self._check_state(WORKING_STATES)
        principal = self._check_responsible()
        if not (self.feedback or "").strip():
            raise UserError(self.env._("Write the feedback before submitting it."))
        return principal

    def _check_can_accept(self):
        self._check_state(("submitted",))
        self._check_supervisor()

    def _check_can_return(self):
        self._check_state(("submitted",))
        self._check_supervisor()

    def _check_can_change_deadline(self):
        self.ensure_one()
        if self.state == "closed":
            raise UserError(
                self.env._(
                    "“%(subject)s” is closed: its deadline no longer changes.",
                    subject=self.name,
                )
            )
        if self.env.user._oa_is_project():
            self._check_flow_actor()
            return
        self._check_supervisor()

    # ---- Transitions ----

    def _do_submit_feedback(self, principal):
        user = self.env.user
        item = self.sudo()
        item.write({"state": "submitted"})
        self._oa_step_advance(principal, "accept", item.supervisor_id, item.feedback)
        body = self.env._("Feedback submitted by %(user)s.", user=principal.name)
        if principal != user:
            body = self.env._(
                "Feedback submitted by %(proxy)s on behalf of %(user)s.",
                proxy=user.name,
                user=principal.name,
            )
        item.message_post(
            body=body,
            partner_ids=item.supervisor_id.partner_id.ids,
            subtype_xmlid="oa_document.mt_supervision_feedback",
        )

    def _do_close(self):
        item = self.sudo()
        item.write({"state": "closed"})
        self._oa_step_advance(self._acting_as(item.supervisor_id) or self.env.user)
        item.message_post(
            body=self.env._(
                "Feedback accepted by %(user)s; item closed.", user=self.env.user.name
            ),
            partner_ids=item.responsible_id.partner_id.ids,
            subtype_xmlid="oa_document.mt_supervision_accepted",
        )

    def _do_return(self, reason):
        item = self.sudo()
        today = fields.Date.context_today(self)
        item.write(
            {
                "state": "overdue" if item.date_deadline < today else "open",
                "return_count": item.return_count + 1,
            }
        )
        # the review is done (the reason is its opinion); the feedback is
        # due again, by the item's deadline
        principal = self._acting_as(item.supervisor_id) or self.env.user
        self._oa_step_close(principal, reason, todo=False)
        item._oa_step_open(
            "feedback",
            item._feedback_users(),
            deadlines=item._feedback_deadlines(),
        )
        item.message_post(
            body=self.env._(
                "Feedback returned by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=reason,
            ),
            partner_ids=item.responsible_id.partner_id.ids,
            subtype_xmlid="oa_document.mt_supervision_returned",
        )

    def _do_change_deadline(self, new, reason):
        item = self.sudo()
        old = item.date_deadline
        self.env["oa.supervision.deadline.change"].sudo().create(
            {
                "supervision_id": item.id,
                "date_old": old,
                "date_new": new,
                "reason": reason,
                "user_id": self.env.user.id,
            }
        )
        vals = {"date_deadline": new}
        if item.state == "overdue" and new >= fields.Date.context_today(self):
            vals.update({"state": "open", "escalated": False})
        item.write(vals)
        if item.state in WORKING_STATES:
            item._oa_step_reassign({}, item._feedback_deadlines())
        item.message_post(
            body=self.env._(
                "Deadline moved from %(old)s to %(new)s by %(user)s: %(reason)s",
                old=old,
                new=new,
                user=self.env.user.name,
                reason=reason,
            ),
            partner_ids=item.responsible_id.partner_id.ids,
        )
