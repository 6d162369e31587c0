# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CJK text of the assessment's PDFs comes out of them as itself: their text
layer is repaired as every print of the suite's is (``oa_base.tools.pdf``)."""

from odoo import models

from odoo.addons.oa_base.tools.pdf import fix_cjk_text

# which reports get their text fixed
REPORT_PREFIX = "oa_assessment."


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, *args, **kwargs):
        pdf = super()._run_wkhtmltopdf(bodies, *args, **kwargs)
        report_ref = kwargs.get("report_ref") or (args[0] if args else False)
        if report_ref:
            report = self._get_report(report_ref)
            if (report.report_name or "").startswith(REPORT_PREFIX):
                pdf = fix_cjk_text(pdf)
        return pdf
