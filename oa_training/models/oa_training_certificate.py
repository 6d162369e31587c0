# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportOaTrainingCertificate(models.AbstractModel):
    """Certificates only for those who passed, and only what the reader may
    read (a trainee his own)."""

    _name = "report.oa_training.report_certificate"
    _description = "Training Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oa.training.enrolment"].browse(docids)
        docs.check_access("read")
        not_passed = docs.filtered(lambda e: e.result != "passed")
        if not_passed:
            raise UserError(
                self.env._(
                    "Only a passed training has a certificate (%(names)s).",
                    names=", ".join(not_passed.mapped("display_name")),
                )
            )
        return {"doc_ids": docs.ids, "doc_model": docs._name, "docs": docs}
