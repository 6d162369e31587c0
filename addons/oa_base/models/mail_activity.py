# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A flow to-do (待办 of a step) ends when its step is done or its actors
change, never because its holder dismissed it: marking it done, editing,
snoozing or cancelling it is refused to everyone but the flow itself (which
works as the superuser).  Otherwise a leader clears his counter and the
document waits for him forever."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    oa_flow = fields.Boolean(
        string="Flow To-Do",
        readonly=True,
        copy=False,
        help="Set by the flow: the to-do ends when its step is handled.",
    )

    @api.depends("oa_flow")
    def _compute_can_write(self):
        """No Mark Done, Edit or Cancel on a flow to-do (the chatter hides
        them when the activity cannot be written)."""
        super()._compute_can_write()
        if not self.env.su:
            for activity in self.filtered("oa_flow"):
                activity.can_write = False

    def _oa_check_not_flow(self):
        if self.env.su:
            return
        flow = self.sudo().filtered("oa_flow")
        if flow:
            raise UserError(
                self.env._(
                    "“%(todo)s” is a to-do of the flow: it ends by itself when you "
                    "handle the step. Open the record and use its buttons.",
                    todo=flow[0].summary or flow[0].res_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("oa_flow") for vals in vals_list):
            raise UserError(self.env._("Only the flow creates flow to-dos."))
        return super().create(vals_list)

    def write(self, vals):
        self._oa_check_not_flow()
        return super().write(vals)

    def unlink(self):
        self._oa_check_not_flow()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        self._oa_check_not_flow()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
