# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.common import OPINION_MAX_LENGTH

OPINION_WIZARD_STEPS = [
    ("review", "Review"),
    ("countersign", "Countersign"),
    ("sign", "Sign-off"),
    ("propose", "Proposed Handling"),
    ("instruct", "Instruction"),
]


class OaDocumentOpinionWizard(models.TransientModel):
    """The short dialog of the steps with an opinion (审核、会签、签发 of an
    outgoing document; 拟办、批办 of a receipt): the actor writes his
    opinion and confirms; the transition itself checks everything again."""

    _name = "oa.document.opinion.wizard"
    _description = "Write an Opinion"

    document_id = fields.Many2one("oa.document", readonly=True)
    incoming_id = fields.Many2one("oa.document.incoming", readonly=True)
    step_type = fields.Selection(OPINION_WIZARD_STEPS, required=True, readonly=True)
    opinion = fields.Text()
    opinion_required = fields.Boolean(compute="_compute_opinion_required")

    @api.depends("document_id", "incoming_id", "step_type")
    def _compute_opinion_required(self):
        for wizard in self:
            if wizard.incoming_id:
                unit = wizard.incoming_id.sudo().unit_id
            else:
                doc = wizard.document_id.sudo()
                step = doc.current_step_ids.filtered(
                    lambda s, w=wizard: s.step_type == w.step_type
                    and s._can_act(self.env.user)
                )[:1]
                unit = step.unit_id or doc.issuing_unit_id
            wizard.opinion_required = bool(
                unit and unit._oa_opinion_required(wizard.step_type)
            )

    def action_confirm(self):
        self.ensure_one()
        opinion = (self.opinion or "").strip()
        if len(opinion) > OPINION_MAX_LENGTH:
            raise UserError(self.env._("The opinion is too long."))
        notice = True
        if self.incoming_id:
            if self.step_type == "propose":
                notice = self.incoming_id.action_propose(opinion)
            else:
                notice = self.incoming_id.action_instruct(opinion)
        elif self.document_id:
            notice = self.document_id.action_approve(opinion)
        if not isinstance(notice, dict):
            return {"type": "ir.actions.act_window_close"}
        # close the dialog (the form reloads), then tell who holds it now
        notice["params"]["next"] = {"type": "ir.actions.act_window_close"}
        return notice
