# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

OPINION_SETTING_FIELDS = (
    "oa_opinion_required_review",
    "oa_opinion_required_countersign",
    "oa_opinion_required_sign",
    "oa_opinion_required_propose",
    "oa_opinion_required_instruct",
)


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_seal_image = fields.Image(
        string="Electronic Seal",
        max_width=512,
        max_height=512,
        help="The image of the unit's seal, required before its documents can be "
        "sealed. The prints draw the seal as vector graphics from the unit's full "
        "name.",
    )
    oa_document_flow_ids = fields.One2many(
        "oa.document.flow", "unit_id", string="Document Flows"
    )
    oa_allow_single_actor_flow = fields.Boolean(
        string="One Person May Hold Every Step",
        help="Allow a document flow of this unit in which one person could act at "
        "every step (small units only): otherwise such a flow is refused.",
    )
    # Opinions (审核意见、会签意见、签发意见、拟办意见、批示): asked for when
    # the actor acts; may it be left empty in this unit?
    oa_opinion_required_review = fields.Boolean(
        string="Review Opinion Required",
        help="The reviewer must write an opinion (审核意见) to approve.",
    )
    oa_opinion_required_countersign = fields.Boolean(
        string="Countersign Opinion Required",
        help="A countersigning leader of this unit must write an opinion.",
    )
    oa_opinion_required_sign = fields.Boolean(
        string="Sign-off Opinion Required",
        default=True,
        help="The signing leader must write the sign-off opinion (签发意见).",
    )
    oa_opinion_required_propose = fields.Boolean(
        string="Proposed Handling Required",
        help="The clerk must write the proposed handling (拟办意见) of a receipt.",
    )
    oa_opinion_required_instruct = fields.Boolean(
        string="Instruction Required",
        default=True,
        help="The leader must write the instruction (批示) of a receipt.",
    )

    def _oa_opinion_required(self, step):
        """Is an empty opinion refused at ``step`` (review, countersign,
        sign, propose, instruct) in this unit?"""
        self.ensure_one()
        name = f"oa_opinion_required_{step}"
        return name in self._fields and bool(self.sudo()[name])

    def _oa_unit_setting_fields(self):
        # the opinion settings are the unit's own: its administrators
        return super()._oa_unit_setting_fields() + OPINION_SETTING_FIELDS
