# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OaSupervisionDeadlineWizard(models.TransientModel):
    """Move the deadline of a supervision item: the reason is kept."""

    _name = "oa.supervision.deadline.wizard"
    _description = "Change a Supervision Deadline"

    supervision_id = fields.Many2one("oa.supervision", required=True)
    date_current = fields.Date(
        related="supervision_id.date_deadline", string="Current Deadline"
    )
    date_deadline = fields.Date(string="New Deadline", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.supervision_id._action_change_deadline(self.date_deadline, self.reason)
        return {"type": "ir.actions.act_window_close"}


class OaSupervisionReturnWizard(models.TransientModel):
    """Return the feedback of a supervision item: the reason is required."""

    _name = "oa.supervision.return.wizard"
    _description = "Return a Supervision Feedback"

    supervision_id = fields.Many2one("oa.supervision", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        notice = self.supervision_id._action_return_feedback(self.reason)
        # close the dialog (the form reloads), then tell who holds it now
        notice["params"]["next"] = {"type": "ir.actions.act_window_close"}
        return notice
