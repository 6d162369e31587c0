# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaAssessmentAdjustment(models.Model):
    """An amount the project group changed, with its reason: read by the
    project group and finance only (the amounts), written by
    ``oa.assessment.line._oa_adjust`` only."""

    _name = "oa.assessment.adjustment"
    _description = "Assessment Amount Adjustment"
    _inherit = ["oa.flow.guard"]
    _order = "id desc"
    _rec_name = "reason"
    # every field: recorded once by ``_oa_adjust``, never changed
    _oa_flow_fields = (
        "line_id",
        "assessment_id",
        "amount_before",
        "amount_after",
        "reason",
        "user_id",
    )

    line_id = fields.Many2one(
        "oa.assessment.line", required=True, index=True, ondelete="cascade"
    )
    assessment_id = fields.Many2one(
        related="line_id.assessment_id", store=True, index=True
    )
    amount_before = fields.Float(string="Amount Before (yuan)", digits=(12, 2))
    amount_after = fields.Float(string="Amount After (yuan)", digits=(12, 2))
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Adjusted By", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("Adjustments are recorded by the Adjust button only.")
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("An adjustment, once recorded, never changes."))
