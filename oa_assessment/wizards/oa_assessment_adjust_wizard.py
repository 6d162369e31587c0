# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.oa_assessment_rule import AMOUNT_GROUPS


class OaAssessmentAdjustWizard(models.TransientModel):
    """Change a proposed amount: the reason is mandatory."""

    _name = "oa.assessment.adjust.wizard"
    _description = "Adjust an Assessment Amount"

    line_id = fields.Many2one("oa.assessment.line", required=True, readonly=True)
    amount_current = fields.Float(
        string="Current Amount (yuan)",
        compute="_compute_amount_current",
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
    )
    amount = fields.Float(string="New Amount (yuan)", digits=(12, 2))
    reason = fields.Text(required=True)

    @api.depends("line_id")
    def _compute_amount_current(self):
        for wizard in self:
            wizard.amount_current = wizard.line_id.sudo().amount

    def action_confirm(self):
        self.ensure_one()
        self.line_id._oa_adjust(self.amount, self.reason)
        return {"type": "ir.actions.act_window_close"}
