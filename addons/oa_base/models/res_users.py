# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, modules
from odoo.exceptions import AccessError
from odoo.tools import config

# Groups a unit administrator may hand out to the users of its unit; anything
# else (project group, leaders, finance, Odoo settings) needs the project group.
UNIT_ADMIN_GRANTABLE_GROUPS = (
    "base.group_user",
    "oa_base.group_oa_user",
    "oa_base.group_oa_document_clerk",
    "oa_base.group_oa_seal_keeper",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    oa_unit_id = fields.Many2one(
        "hr.department",
        string="OA Unit",
        index=True,
        domain=[("is_oa_unit", "=", True)],
        help="The unit (单位) whose OA the user belongs to.",
    )
    oa_managed_unit_ids = fields.Many2many(
        "hr.department",
        "oa_unit_admin_rel",
        "user_id",
        "department_id",
        string="Administered Units",
        readonly=True,
    )
    oa_password_change_required = fields.Boolean(
        string="Must Change Password",
        copy=False,
        help="The user must set a new password at the next login: set for new "
        "users and when an administrator sets or resets the password.",
    )

    oa_role_ids = fields.Many2many(
        "res.groups",
        string="OA Roles",
        compute="_compute_oa_role_ids",
        inverse="_inverse_oa_role_ids",
        domain=lambda self: [
            ("category_id", "=", self.env.ref("oa_base.module_category_oa").id)
        ],
        help="The collaborative office roles granted to the user.",
    )
    oa_current_proxy_id = fields.Many2one(
        "res.users",
        string="Current Proxy",
        compute="_compute_oa_current_proxy_id",
        help="Who acts for the user right now (trip or leave).",
    )

    @api.depends("groups_id")
    def _compute_oa_role_ids(self):
        category = self.env.ref("oa_base.module_category_oa")
        for user in self:
            user.oa_role_ids = user.groups_id.filtered(
                lambda g: g.category_id == category
            )

    def _inverse_oa_role_ids(self):
        category = self.env.ref("oa_base.module_category_oa")
        for user in self:
            current = user.groups_id.filtered(lambda g: g.category_id == category)
            commands = [fields.Command.unlink(g.id) for g in current - user.oa_role_ids]
            commands += [fields.Command.link(g.id) for g in user.oa_role_ids - current]
            if commands:
                user.groups_id = commands

    def _compute_oa_current_proxy_id(self):
        acting = self.env["oa.proxy"].sudo()._get_acting_users(self)
        for user in self:
            proxy = acting.get(user.id, user) if user.id else user
            user.oa_current_proxy_id = proxy if proxy != user else False

    @api.model_create_multi
    def create(self, vals_list):
        force = self._oa_force_first_login_change()
        for vals in vals_list:
            vals.setdefault("oa_password_change_required", force)
        users = super().create(vals_list)
        # new users start from the default groups (Settings › Default Access
        # Rights); only what is added on top of them is checked
        defaults = self._default_groups()
        users._oa_check_group_grant({user.id: defaults for user in users})
        users._oa_check_unit_assignment()
        return users

    def write(self, vals):
        if "password" in vals and "oa_password_change_required" not in vals:
            # Someone else setting the password is an administrator reset.
            self_set = self.env.context.get("oa_password_self_set") or (
                self == self.env.user
            )
            vals["oa_password_change_required"] = (
                not self_set and self._oa_force_first_login_change()
            )
        before = {user.id: user.groups_id for user in self}
        if "password" in vals and not self.env.su and self != self.env.user:
            # A unit administrator resets the passwords of his unit's users;
            # password_security's history rows need more rights than he has.
            self.check_access("write")
            password_vals = {
                key: vals.pop(key)
                for key in ("password", "oa_password_change_required")
                if key in vals
            }
            super(ResUsers, self.sudo()).write(password_vals)
            if not vals:
                return True
        res = super().write(vals)
        self._oa_check_group_grant(before)
        if "oa_unit_id" in vals:
            self._oa_check_unit_assignment()
        return res

    @api.model
    def signup(self, values, token=None):
        # The signup/reset form is where the user chooses the new password.
        return super(ResUsers, self.with_context(oa_password_self_set=True)).signup(
            values, token
        )

    @api.model
    def change_password(self, old_passwd, new_passwd):
        return super(
            ResUsers, self.with_context(oa_password_self_set=True)
        ).change_password(old_passwd, new_passwd)

    def action_reset_password(self):
        res = super().action_reset_password()
        if self._oa_force_first_login_change():
            self.sudo().with_context(oa_password_self_set=False).write(
                {"oa_password_change_required": True}
            )
        return res

    # password_security 18.0.1.0.3 reads ``current_test.test_module`` to skip
    # its rules in other modules' tests, but Odoo 18 sets ``current_test`` to a
    # plain bool: any test (or demo data loaded in a test run) setting a
    # password would crash.  Skip its rules there, as it means to.
    @api.model
    def _oa_skip_password_rules(self):
        return config["test_enable"] and not hasattr(
            modules.module.current_test, "test_module"
        )

    def _check_password_policy(self, passwords):
        if self._oa_skip_password_rules():
            return True
        return super()._check_password_policy(passwords)

    def _check_password_rules(self, password):
        if self._oa_skip_password_rules():
            return True
        return super()._check_password_rules(password)

    def _password_has_expired(self):
        # password_security sends a user whose password expired to the reset
        # form right after login; a required change is handled the same way.
        return self.oa_password_change_required or super()._password_has_expired()

    @api.model
    def _oa_force_first_login_change(self):
        # Installed as "True"; unticking the setting deletes the parameter.
        param = self.env["ir.config_parameter"].sudo()
        return bool(param.get_param("oa_base.force_password_change"))

    def _oa_is_privileged(self):
        env = self.env
        return env.su or env.user.has_groups(
            "base.group_erp_manager,oa_base.group_oa_project"
        )

    def _oa_check_unit_assignment(self):
        """Record rules check a user's unit before a write; a unit
        administrator may not move users out to a unit he does not manage."""
        if self._oa_is_privileged():
            return
        managed = self.env["hr.department"].search(
            [("id", "child_of", self.env.user.oa_managed_unit_ids.ids)]
        )
        for user in self.sudo():
            if user.oa_unit_id not in managed:
                raise AccessError(
                    self.env._(
                        "You may only place users in the units you administer; "
                        "%(unit)s is not one of them.",
                        unit=user.oa_unit_id.display_name or self.env._("no unit"),
                    )
                )

    def _oa_check_group_grant(self, groups_before):
        """A unit administrator may only grant the OA groups of
        UNIT_ADMIN_GRANTABLE_GROUPS, and only to users of its units."""
        env = self.env
        if self._oa_is_privileged():
            return
        allowed = env["res.groups"]
        for xmlid in UNIT_ADMIN_GRANTABLE_GROUPS:
            group = env.ref(xmlid)
            allowed |= group | group.trans_implied_ids
        for user in self.sudo():
            added = user.groups_id - groups_before.get(user.id, env["res.groups"])
            if added - allowed:
                raise AccessError(
                    env._(
                        "You may not grant %(groups)s to %(user)s: a unit "
                        "administrator can only grant the OA user, document "
                        "clerk and seal keeper roles.",
                        groups=", ".join((added - allowed).mapped("full_name")),
                        user=user.name,
                    )
                )
