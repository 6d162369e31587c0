# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_seal_image = fields.Image(
        string="Electronic Seal",
        max_width=512,
        max_height=512,
        help="Printed on the red-header copy of sealed documents.",
    )
    oa_document_flow_ids = fields.One2many(
        "oa.document.flow", "unit_id", string="Document Flows"
    )
