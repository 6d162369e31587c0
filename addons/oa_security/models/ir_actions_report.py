# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _oa_log_print(self, report_ref, res_ids):
        """A print of an ``oa.*`` record by a user is a row of the trail
        (after oa_base checked he may read what he prints)."""
        if self.env.su or not res_ids:
            return
        report = self._get_report(report_ref)
        if not (report.model or "").startswith("oa."):
            return
        ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
        self.env["oa.audit.log"]._oa_log(
            "print",
            model=report.model,
            res_id=ids[0] if len(ids) == 1 else None,
            record_name=report.report_name,
            detail=",".join(map(str, ids)),
        )

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        res = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        self._oa_log_print(report_ref, res_ids)
        return res

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None):
        res = super()._render_qweb_text(report_ref, docids, data=data)
        self._oa_log_print(report_ref, docids)
        return res
