# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from .oa_supervision import WORKING_STATES


class OaSupervision(models.Model):
    """Reminders and escalation of supervision items (daily scheduled
    action)."""

    _inherit = "oa.supervision"

    # ---- Reminders (cron) ----

    @api.model
    def _cron_remind(self):
        """Before the deadline: remind the responsible once per deadline.
        After it: mark overdue, remind again and escalate to the unit's
        leader in charge.  Items whose feedback awaits acceptance wait."""
        Items = self.sudo()
        params = self.env["ir.config_parameter"].sudo()
        days_before = int(params.get_param("oa_document.supervision_remind_days", 2))
        today = fields.Date.context_today(self)
        soon = Items.search(
            [
                ("state", "=", "open"),
                ("date_deadline", ">=", today),
                ("date_deadline", "<=", today + timedelta(days=days_before)),
            ]
        ).filtered(lambda i: i.reminded_deadline != i.date_deadline)
        for item in soon:
            item._remind(
                item.responsible_id,
                self.env._(
                    "Reminder: feedback on “%(subject)s” is due on %(deadline)s.",
                    subject=item.name,
                    deadline=item.date_deadline,
                ),
            )
            item.reminded_deadline = item.date_deadline
        late = Items.search(
            [("state", "in", WORKING_STATES), ("date_deadline", "<", today)]
        )
        late.filtered(lambda i: i.state == "open").write({"state": "overdue"})
        for item in late.filtered(lambda i: not i.escalated):
            leader = item.unit_id._oa_role_users("leader")
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
        item = self.sudo()
        item._oa_todo_set([(item, users, message)], clear=False)
        item.message_post(
            body=message,
            partner_ids=users.partner_id.ids,
            subtype_xmlid="oa_document.mt_supervision_reminder",
        )
        item.reminder_count += 1
