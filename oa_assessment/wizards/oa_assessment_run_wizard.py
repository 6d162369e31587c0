# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.oa_assessment import is_project
from ..models.oa_assessment_rule import month_first


class OaAssessmentRunWizard(models.TransientModel):
    """Assess a chosen month now (the scheduled action does the previous
    month on the 1st): re-running updates what is not approved yet."""

    _name = "oa.assessment.run.wizard"
    _description = "Assess a Month"

    month = fields.Date(
        required=True,
        default=lambda self: self._default_month(),
        help="Any day of the month to assess.",
    )
    unit_ids = fields.Many2many(
        "hr.department",
        string="Units",
        domain=[("is_oa_unit", "=", True)],
        help="Leave empty to assess every OA unit.",
    )

    @api.model
    def _default_month(self):
        today = fields.Date.context_today(self)
        return month_first(today) - relativedelta(months=1)

    def action_run(self):
        self.ensure_one()
        if not is_project(self.env):
            raise AccessError(
                self.env._("Only the project group runs the monthly assessment.")
            )
        month = month_first(self.month)
        units = self.unit_ids.sudo().filtered("is_oa_unit")
        if self.unit_ids and not units:
            raise UserError(self.env._("Choose OA units to assess."))
        assessments = self.env["oa.assessment"]._oa_assess_month(month, units or None)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Assessment of %(month)s", month=month.strftime("%Y-%m")
            ),
            "res_model": "oa.assessment",
            "view_mode": "list,form",
            "domain": [("id", "in", assessments.ids)],
        }
