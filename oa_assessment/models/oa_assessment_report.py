# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportAssessmentNotice(models.AbstractModel):
    """The assessment notice (考核通知单): the findings, then each person's
    fine or commendation with its amount and reasons.  Units carry out the
    fines from it (notice 三: 各单位根据项目组下达的考核通知单落实考核), so
    whoever may read the notice reads its amounts (read as superuser here,
    the amount fields stay the project group's and finance's elsewhere)."""

    _name = "report.oa_assessment.report_assessment_notice"
    _description = "Assessment Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.assessment"].browse(docids)
        docs.check_access("read")
        draft = docs.filtered(lambda a: a.state != "approved")
        if draft and not self.env.user._oa_is_project():
            raise UserError(self.env._("Only approved assessments have a notice."))
        return {
            "doc_ids": docs.ids,
            "doc_model": "oa.assessment",
            "docs": docs,
            "lines_of": lambda doc: doc.sudo().line_ids,
            "persons_of": lambda doc: doc._oa_notice_persons(),
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
