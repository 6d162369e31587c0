# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OaManuscriptReturnWizard(models.TransientModel):
    """Return submitted manuscripts to their authors: the reason is
    required (the manuscript's ``action_return`` checks it again)."""

    _name = "oa.manuscript.return.wizard"
    _description = "Return a Manuscript"

    manuscript_ids = fields.Many2many("oa.manuscript", string="Manuscripts")
    reason = fields.Text(required=True)

    def action_return(self):
        self.ensure_one()
        self.manuscript_ids.action_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
