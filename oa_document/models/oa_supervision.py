# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class OaSupervision(models.Model):
    """A supervision item (督办/催办): a responsible unit must give feedback
    by a deadline; reminders before and after it, escalation to the unit's
    leader in charge; the feedback closes it."""

    _name = "oa.supervision"
    _description = "Supervision Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _mail_post_access = "read"
    _order = "date_deadline, id"

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
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    feedback = fields.Text(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("overdue", "Overdue"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    date_closed = fields.Datetime(readonly=True)
    reminder_count = fields.Integer(readonly=True)
    escalated = fields.Boolean(readonly=True)

    @api.depends("unit_id")
    def _compute_responsible_id(self):
        for item in self:
            if not item.responsible_id:
                item.responsible_id = item.unit_id.oa_leader_id

    # ---- Actions ----

    def action_submit_feedback(self):
        for item in self:
            item._check_can_give_feedback()
            item._do_close()
        return True

    def _check_can_give_feedback(self):
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("This supervision item is already closed."))
        if not (self.feedback or "").strip():
            raise UserError(self.env._("Write the feedback before submitting it."))
        user = self.env.user
        unit_users = self.unit_id.sudo().oa_admin_ids | self.unit_id.sudo().oa_leader_id
        allowed = self.responsible_id | unit_users
        if self.env.su:
            return
        if not self.env["oa.proxy"].sudo()._acting_as(user, allowed):
            raise AccessError(
                self.env._("Only the responsible unit can give the feedback.")
            )

    def _do_close(self):
        self.sudo().write({"state": "closed", "date_closed": fields.Datetime.now()})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        self.sudo().message_post(
            body=self.env._(
                "Feedback given by %(user)s; item closed.", user=self.env.user.name
            ),
            partner_ids=self.supervisor_id.partner_id.ids,
        )

    # ---- Reminders (cron) ----

    @api.model
    def _cron_remind(self):
        """Before the deadline: remind the responsible.  After it: mark
        overdue, remind again and escalate to the unit's leader in charge."""
        params = self.env["ir.config_parameter"].sudo()
        days_before = int(params.get_param("oa_document.supervision_remind_days", 2))
        today = fields.Date.context_today(self)
        soon = self.search(
            [
                ("state", "=", "open"),
                ("date_deadline", ">=", today),
                ("date_deadline", "<=", today + timedelta(days=days_before)),
                ("reminder_count", "=", 0),
            ]
        )
        for item in soon:
            item._remind(
                item.responsible_id,
                self.env._(
                    "Reminder: feedback on “%(subject)s” is due on %(deadline)s.",
                    subject=item.name,
                    deadline=item.date_deadline,
                ),
            )
        late = self.search(
            [("state", "in", ("open", "overdue")), ("date_deadline", "<", today)]
        )
        late.filtered(lambda i: i.state == "open").write({"state": "overdue"})
        for item in late.filtered(lambda i: not i.escalated):
            leader = item.unit_id.oa_leader_id
            item._remind(
                item.responsible_id | leader,
                self.env._(
                    "Overdue: feedback on “%(subject)s” was due on %(deadline)s; "
                    "escalated to %(leader)s.",
                    subject=item.name,
                    deadline=item.date_deadline,
                    leader=leader.name or "-",
                ),
            )
            item.escalated = True

    def _remind(self, users, message):
        self.ensure_one()
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.date_deadline,
                summary=message,
                user_id=user.id,
            )
        self.message_post(body=message, partner_ids=users.partner_id.ids)
        self.reminder_count += 1
