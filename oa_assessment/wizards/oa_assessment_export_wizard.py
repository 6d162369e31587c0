# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

from ..models.oa_assessment_rule import AMOUNT_GROUPS, month_first


class OaAssessmentExportWizard(models.TransientModel):
    _name = "oa.assessment.export.wizard"
    _description = "Export the Month's Fines and Commendations"

    month = fields.Date(
        required=True,
        default=lambda self: self.env["oa.assessment.run.wizard"]._default_month(),
        help="Any day of the month to export.",
    )

    def action_export(self):
        self.ensure_one()
        if not self.env.user.has_groups(AMOUNT_GROUPS):
            raise AccessError(
                self.env._("Only finance and the project group export the amounts.")
            )
        self.month = month_first(self.month)
        return self.env.ref(
            "oa_assessment.action_report_assessment_finance_xlsx"
        ).report_action(self)
