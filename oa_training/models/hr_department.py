# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_training_blocks_flow = fields.Boolean(
        string="Untrained Users Cannot Act in Document Flows",
        tracking=True,
        help="Users of this unit (its own members, not those of its sub-units) "
        "who have not passed the operation exam yet may read documents but not "
        "act in the document flows (submit, approve, sign, receive, handle...) "
        "until they pass.",
    )

    def _oa_unit_setting_fields(self):
        # the unit's own rule: its administrators (and the project group)
        return super()._oa_unit_setting_fields() + ("oa_training_blocks_flow",)
