# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportXlsxAbstract(models.AbstractModel):
    """Prints are reads, xlsx too: the records an xlsx report is asked for
    (ids, or ``active_ids`` of the context or data) are checked as the
    requesting user before anything is written (oa_base's print guard)."""

    _inherit = "report.report_xlsx.abstract"

    def _get_objs_for_report(self, docids, data):
        objs = super()._get_objs_for_report(docids, data)
        if objs._name.startswith("oa."):
            self.env["oa.print.guard"].check_printable(objs)
        return objs
