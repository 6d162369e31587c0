# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.labels import field_labels

# The notice (三、(一)3) asks every unit for exactly two system administrators
# and one leader in charge of the project.
REQUIRED_ADMIN_COUNT = 2

# Only the project group can name who runs a unit and what the unit is.
ROLE_FIELDS = (
    "oa_admin_ids",
    "oa_leader_id",
    "oa_liaison_id",
    "is_oa_unit",
    "oa_unit_type",
    "oa_is_pilot",
)
# Moving or archiving a unit changes whom its administrators manage: the
# project group's decision too (HR officers still move other departments).
STRUCTURE_FIELDS = ("parent_id", "active", "company_id")
# The unit's own settings: its administrators (and the project group).
UNIT_SETTING_FIELDS = ("oa_short_name", "oa_on_backbone")


class HrDepartment(models.Model):
    _inherit = "hr.department"

    is_oa_unit = fields.Boolean(
        string="OA Unit",
        tracking=True,
        help="The department is a unit (单位) of the collaborative office system.",
    )
    oa_unit_type = fields.Selection(
        [
            ("hq_department", "Group HQ Department"),
            ("stock_company", "Stock Company"),
            ("division", "Division"),
            ("subsidiary", "Subsidiary"),
            ("factory", "Factory"),
        ],
        string="Unit Type",
        tracking=True,
    )
    oa_short_name = fields.Char(
        string="Short Name",
        help="Abbreviation used in document numbers, e.g. 集团办.",
    )
    oa_is_pilot = fields.Boolean(string="Pilot Unit", tracking=True)
    oa_on_backbone = fields.Boolean(
        string="On Backbone Network",
        tracking=True,
        help="The unit is connected to the group backbone network (骨干网).",
    )
    oa_admin_ids = fields.Many2many(
        "res.users",
        "oa_unit_admin_rel",
        "department_id",
        "user_id",
        string="System Administrators",
        help="The two system administrators (系统管理员) of the unit.",
    )
    oa_leader_id = fields.Many2one(
        "res.users",
        string="Leader in Charge",
        tracking=True,
        help="The unit leader in charge of the OA project (主管领导).",
    )
    oa_liaison_id = fields.Many2one(
        "res.users",
        string="IT Centre Liaison",
        tracking=True,
        help="The liaison (联络员) assigned by the information technology centre.",
    )
    oa_user_ids = fields.One2many("res.users", "oa_unit_id", string="OA Users")
    oa_user_count = fields.Integer(
        string="Number of OA Users", compute="_compute_oa_user_count"
    )
    oa_setup_complete = fields.Boolean(
        string="Set-up Complete",
        compute="_compute_oa_setup",
        store=True,
        help="Two administrators, a leader in charge and a liaison are named.",
    )
    oa_setup_issues = fields.Text(
        string="Set-up Issues", compute="_compute_oa_setup_issues"
    )
    oa_can_set_roles = fields.Boolean(
        string="Can Set Roles", compute="_compute_oa_can_set_roles"
    )

    def _compute_oa_can_set_roles(self):
        self.oa_can_set_roles = self._oa_user_can_set_roles()

    @api.depends("is_oa_unit", "oa_admin_ids", "oa_leader_id", "oa_liaison_id")
    def _compute_oa_setup(self):
        for unit in self:
            unit.oa_setup_complete = unit.is_oa_unit and not unit._oa_setup_issue_list()

    @api.depends("is_oa_unit", "oa_admin_ids", "oa_leader_id", "oa_liaison_id")
    def _compute_oa_setup_issues(self):
        for unit in self:
            issues = unit._oa_setup_issue_list() if unit.is_oa_unit else []
            unit.oa_setup_issues = "\n".join(issues) or False

    def _oa_setup_issue_list(self):
        self.ensure_one()
        issues = []
        admin_count = len(self.oa_admin_ids)
        if admin_count != REQUIRED_ADMIN_COUNT:
            issues.append(
                self.env._(
                    "The unit must have exactly %(required)s system administrators "
                    "(it has %(count)s).",
                    required=REQUIRED_ADMIN_COUNT,
                    count=admin_count,
                )
            )
        if not self.oa_leader_id:
            issues.append(self.env._("No leader in charge is named."))
        if not self.oa_liaison_id:
            issues.append(self.env._("No IT centre liaison is named."))
        return issues

    def _compute_oa_user_count(self):
        counts = dict(
            self.env["res.users"]._read_group(
                [("oa_unit_id", "in", self.ids)], ["oa_unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.oa_user_count = counts.get(unit, 0)

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if any(set(ROLE_FIELDS) & set(vals) for vals in vals_list):
            self._oa_check_can_set_roles()
        units = super().create(vals_list)
        units._oa_sync_admin_group()
        return units

    def write(self, vals):
        if set(ROLE_FIELDS) & set(vals):
            self._oa_check_can_set_roles()
        if not self._oa_user_can_set_roles():
            self._oa_check_unit_write(vals)
        res = super().write(vals)
        if "oa_admin_ids" in vals:
            self._oa_sync_admin_group()
        return res

    def _oa_user_can_set_roles(self):
        user = self.env.user
        return self.env.su or user.has_groups(
            "oa_base.group_oa_project,base.group_erp_manager"
        )

    def _oa_check_unit_write(self, vals):
        """Structure of the OA unit tree: project group; a unit's own settings:
        its administrators."""
        structure = [name for name in STRUCTURE_FIELDS if name in vals]
        if structure and self.sudo().search_count(
            [("id", "child_of", self.ids), ("is_oa_unit", "=", True)],
            limit=1,
        ):
            raise AccessError(
                self.env._(
                    "Only the project group may change %(fields)s of OA units.",
                    fields=self._oa_labels(structure),
                )
            )
        settings = [name for name in self._oa_unit_setting_fields() if name in vals]
        if settings:
            managed = self.env.user._oa_administered_units()
            if self.sudo() - managed:
                raise AccessError(
                    self.env._(
                        "Only the unit's administrators may change %(fields)s.",
                        fields=self._oa_labels(settings),
                    )
                )

    def _oa_unit_setting_fields(self):
        """The fields of a unit that its own administrators set (other
        addons add theirs)."""
        return UNIT_SETTING_FIELDS

    def _oa_labels(self, names):
        return field_labels(self, names)

    def _oa_check_can_set_roles(self):
        if self._oa_user_can_set_roles():
            return
        raise AccessError(
            self.env._(
                "Only the project group can name the system administrators, "
                "the leader in charge and the liaison of a unit, or set its "
                "type and pilot status."
            )
        )

    def _oa_sync_admin_group(self):
        """Named administrators get the unit administrator group."""
        group = self.env.ref("oa_base.group_oa_unit_admin")
        missing = self.oa_admin_ids - group.users
        if missing:
            group.sudo().write({"users": [fields.Command.link(u.id) for u in missing]})

    # ---- Actions ----

    def action_open_oa_users(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("OA Users of %(unit)s", unit=self.display_name),
            "res_model": "res.users",
            "view_mode": "list,form",
            "domain": [("oa_unit_id", "=", self.id)],
            "context": {"default_oa_unit_id": self.id},
        }
