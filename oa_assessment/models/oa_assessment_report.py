# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.oa_base.tools.gb_print import letter_values
from odoo.addons.oa_base.tools.local_time import company_tz, to_local
from odoo.addons.oa_base.tools.pdf import chinese_date
from odoo.addons.oa_base.tools.seal import project_group_name


def letter_info(env, date):
    """The project group's letter on the GB/T 9704 page: its CSS, its name
    as it signs, its seal, and the date (the company's day)."""
    issuer = project_group_name(env)
    day = date and to_local(env, date, company_tz(env))
    return {**letter_values(issuer), "issuer": issuer, "date": chinese_date(day)}


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
            "info_of": lambda doc: {
                **letter_info(self.env, doc.date_approved),
                "unit": doc.sudo().unit_id.name,
            },
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
            "info_of": lambda doc: letter_info(self.env, doc.date_updated),
        }
