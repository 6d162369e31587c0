# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# What the project group may set on the OA roles; everything else of a group
# (members, implied groups, menus, rules) stays with the access rights managers.
PROJECT_WRITABLE_FIELDS = ("oa_unit_admin_grantable", "api_key_duration")

# Roles a unit administrator may never grant, whatever the configuration.
NEVER_GRANTABLE = (
    "oa_base.group_oa_project",
    "oa_base.group_oa_unit_admin",
    "oa_base.group_oa_integration",
)


class ResGroups(models.Model):
    _inherit = "res.groups"

    oa_unit_admin_grantable = fields.Boolean(
        string="Granted by Unit Administrators",
        help="Unit administrators may grant this OA role to the users of their "
        "units; other roles are granted by the project group.",
    )

    @api.constrains("oa_unit_admin_grantable", "category_id")
    def _check_oa_unit_admin_grantable(self):
        never = self.env["res.groups"]
        for xmlid in NEVER_GRANTABLE:
            never |= self.env.ref(xmlid, raise_if_not_found=False) or never
        category = self.env.ref("oa_base.module_category_oa")
        for group in self.filtered("oa_unit_admin_grantable"):
            if group in never or group.category_id != category:
                raise ValidationError(
                    self.env._(
                        "%(group)s cannot be granted by unit administrators: only "
                        "the OA roles below the unit administrator can.",
                        group=group.full_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        if any("users" in vals for vals in vals_list):
            self.env.registry.clear_cache()  # res.users._oa_role_members
        return groups

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("base.group_erp_manager"):
            self._oa_check_project_write(vals)
        res = super().write(vals)
        if {"users", "implied_ids"} & vals.keys():
            self.env.registry.clear_cache()  # res.users._oa_role_members
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # res.users._oa_role_members
        return res

    def _oa_check_project_write(self, vals):
        """The project group edits only its settings of the OA roles."""
        category = self.env.ref("oa_base.module_category_oa")
        other = [name for name in vals if name not in PROJECT_WRITABLE_FIELDS]
        if other or self.sudo().filtered(lambda g: g.category_id != category):
            raise AccessError(
                self.env._(
                    "Only the access rights managers may change %(fields)s of "
                    "groups; the project group sets which OA roles unit "
                    "administrators grant and how long API keys live.",
                    fields=", ".join(other) or self.env._("groups outside the OA"),
                )
            )
