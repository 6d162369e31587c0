# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OaDocumentVerifyWizard(models.TransientModel):
    """Check a paper copy against the system: the fingerprint printed on it
    must belong to a document whose electronic text still matches it."""

    _name = "oa.document.verify.wizard"
    _description = "Verify a Document Fingerprint"

    fingerprint = fields.Char(required=True)
    document_id = fields.Many2one("oa.document", readonly=True)
    result = fields.Selection(
        [
            ("match", "Same as the electronic document"),
            ("changed", "The electronic document changed since it was printed"),
            ("unknown", "No document has this fingerprint"),
        ],
        readonly=True,
    )

    def action_verify(self):
        self.ensure_one()
        doc, intact = self.env["oa.document"]._find_by_fingerprint(self.fingerprint)
        self.write(
            {
                "document_id": doc.id,
                "result": "unknown" if not doc else ("match" if intact else "changed"),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
