# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def _oa_user_can_set_roles(self):
        # Naming a unit's administrators grants a role: the project group and
        # the security administrator do it, not the system administrator.
        return self.env.su or self.env.user.has_groups(
            "oa_base.group_oa_project,oa_security.group_oa_secadmin"
        )

    def write(self, vals):
        if self.env.su or "oa_admin_ids" not in vals:
            return super().write(vals)
        before = {unit.id: unit.sudo().oa_admin_ids for unit in self}
        res = super().write(vals)
        actor = self.env.user
        if any(actor in unit.oa_admin_ids - before[unit.id] for unit in self.sudo()):
            raise AccessError(
                self.env._(
                    "Nobody names himself administrator of a unit: ask the "
                    "project group or the security administrator."
                )
            )
        return res
