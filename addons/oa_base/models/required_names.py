# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The name of an OA unit is required and not blank (other departments keep
Odoo's own rule)."""

from odoo import api, models

from ..tools.names import check_not_blank


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.constrains("name", "is_oa_unit")
    def _check_oa_name_not_blank(self):
        check_not_blank(self.filtered("is_oa_unit"), "name")
