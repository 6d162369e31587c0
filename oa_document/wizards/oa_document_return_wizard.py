# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.common import step_label


class OaDocumentReturnWizard(models.TransientModel):
    """Return a document to an earlier step: the reason is required."""

    _name = "oa.document.return.wizard"
    _description = "Return a Document"

    document_id = fields.Many2one("oa.document", required=True)
    target = fields.Selection(
        selection="_selection_target",
        string="Return To",
        required=True,
        default="0",
    )
    reason = fields.Text(required=True)

    @api.model
    def _selection_target(self):
        targets = [("0", self.env._("Drafter"))]
        doc = self.env["oa.document"].browse(
            self.env.context.get("default_document_id")
        )
        if doc.exists():
            current = doc.sudo().current_step_ids[:1].sequence
            seen = set()
            for step in doc.sudo().step_ids.sorted("sequence"):
                if step.sequence < current and step.sequence not in seen:
                    seen.add(step.sequence)
                    targets.append(
                        (str(step.sequence), step_label(self.env, step.step_type))
                    )
        return targets

    def action_return(self):
        self.ensure_one()
        notice = self.document_id.action_return(int(self.target or 0), self.reason)
        # close the dialog (the form reloads), then tell who holds it now
        notice["params"]["next"] = {"type": "ir.actions.act_window_close"}
        return notice
