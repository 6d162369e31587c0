# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .oa_assessment_rule import AMOUNT_GROUPS


class ReportAssessmentNotice(models.AbstractModel):
    """The assessment notice (考核通知单): the findings and the persons, with
    their amounts for the readers allowed to see amounts (the project group,
    finance); the unit's own copy names the fine or commendation only."""

    _name = "report.oa_assessment.report_assessment_notice"
    _description = "Assessment Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.assessment"].browse(docids)
        docs.check_access("read")
        draft = docs.filtered(lambda a: a.state != "approved")
        if draft and not self.env.user._oa_is_project():
            raise UserError(self.env._("Only approved assessments have a notice."))
        show_amounts = self.env.user.has_groups(AMOUNT_GROUPS)
        return {
            "doc_ids": docs.ids,
            "doc_model": "oa.assessment",
            "docs": docs,
            "show_amounts": show_amounts,
            "lines_of": lambda doc: doc.sudo().line_ids,
        }


class ReportAssessmentCriticism(models.AbstractModel):
    _name = "report.oa_assessment.report_assessment_criticism"
    _description = "Public Criticism List"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.assessment.criticism"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": "oa.assessment.criticism",
            "docs": docs,
            "rows_of": lambda doc: doc._oa_report_rows(),
        }
