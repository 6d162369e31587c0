# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on oa_base as each role, the way an RPC client would make them.

Each refused call runs in a savepoint (an RPC request rolls back on error);
then the cache is flushed and dropped and the record is read back as
superuser: nothing may have changed.
"""

from datetime import datetime, timedelta

from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaBaseCommon

# AccessError and ValidationError are UserErrors
REFUSED = UserError


class OaSecurityCommon(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ref = cls.env.ref
        cls.hr_officer = new_test_user(
            cls.env,
            login="oa_hr_officer",
            groups="base.group_user,hr.group_hr_manager",
            oa_unit_id=cls.unit_b.id,
        )
        cls.settings_admin = cls.env.ref("base.user_admin")
        cls.root_unit = cls.env["hr.department"].create(
            {"name": "集团公司(测试)", "is_oa_unit": True}
        )
        (cls.unit_a | cls.unit_b).parent_id = cls.root_unit
        cls.roles = {
            "staff": cls.staff_a,
            "clerk": cls.clerk_a,
            "leader": cls.leader_a,
            "unit_admin": cls.admin_a1,
            "hr_officer": cls.hr_officer,
        }

    def refused(self, func, exceptions=REFUSED):
        """``func`` raises one of ``exceptions`` and its transaction part is
        rolled back, as an RPC request would be."""
        with (
            mute_logger("odoo.addons.base.models.ir_rule", "odoo.models"),
            self.assertRaises(exceptions) as caught,
            self.env.cr.savepoint(),
        ):
            func()
        self.reread()
        return caught.exception

    def reread(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def password_hash(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    def reified_fields(self, group):
        """The user form's names for ``group``: ``in_group_N`` or the
        ``sel_groups_N_M`` selection of its category."""
        names = self.env["res.users"].fields_get()
        return [
            name
            for name in names
            if name == f"in_group_{group.id}"
            or (name.startswith("sel_groups_") and str(group.id) in name.split("_")[2:])
        ]


@tagged("post_install", "-at_install")
class TestUnitAdminEscalation(OaSecurityCommon):
    """Point 5: a unit administrator manages only plain users of his units."""

    def test_cannot_make_himself_administrator_of_root(self):
        for target in (self.admin_a1, self.staff_a):
            with self.subTest(target=target.login):
                self.refused(
                    lambda target=target: target.with_user(self.admin_a1).write(
                        {"oa_managed_unit_ids": [(4, self.root_unit.id)]}
                    )
                )
                self.assertNotIn(self.root_unit, target.oa_managed_unit_ids)
        # nor on the unit's side
        self.refused(
            lambda: self.root_unit.with_user(self.admin_a1).write(
                {"oa_admin_ids": [(4, self.admin_a1.id)]}
            )
        )
        self.assertFalse(self.root_unit.oa_admin_ids)

    def attempts(self, group):
        """Every way the user form and RPC write a group onto a user."""
        attempts = [{"groups_id": [(4, group.id)]}]
        attempts += [
            {name: group.id if name.startswith("sel_") else True}
            for name in self.reified_fields(group)
        ]
        if group.category_id == self.ref("oa_base.module_category_oa"):
            attempts.append({"oa_role_ids": [(4, group.id)]})
        return attempts

    def test_cannot_grant_himself_any_group(self):
        me = self.admin_a1.with_user(self.admin_a1)
        for xmlid in (
            "oa_base.group_oa_project",
            "oa_base.group_oa_leader",
            "base.group_system",
            "base.group_erp_manager",
            # even a role he may grant to others
            "oa_base.group_oa_seal_keeper",
        ):
            group = self.ref(xmlid)
            for vals in self.attempts(group):
                with self.subTest(group=xmlid, vals=list(vals)):
                    self.refused(lambda vals=vals: me.write(vals))
                    self.assertNotIn(group, self.admin_a1.groups_id)

    def test_cannot_grant_roles_above_plain_to_his_users(self):
        for xmlid in (
            "oa_base.group_oa_project",
            "oa_base.group_oa_leader",
            "oa_base.group_oa_unit_admin",
            "oa_base.group_oa_integration",
            "base.group_system",
        ):
            group = self.ref(xmlid)
            attempts = self.attempts(group)
            for vals in attempts:
                with self.subTest(group=xmlid, vals=list(vals)):
                    self.refused(
                        lambda vals=vals: self.staff_a.with_user(self.admin_a1).write(
                            vals
                        )
                    )
                    self.assertNotIn(group, self.staff_a.groups_id)

    def test_cannot_create_user_with_roles_above_plain(self):
        group = self.ref("base.group_system")
        for vals in (
            {"groups_id": [(4, group.id)]},
            *({name: True} for name in self.reified_fields(group) if "in_" in name),
            {"groups_id": [(4, self.ref("oa_base.group_oa_project").id)]},
        ):
            with self.subTest(vals=list(vals)):
                self.refused(
                    lambda vals=vals: self.env["res.users"]
                    .with_user(self.admin_a1)
                    .create(
                        {
                            "name": "冒名",
                            "login": "oa_forged",
                            "oa_unit_id": self.unit_a.id,
                            **vals,
                        }
                    )
                )
                self.assertFalse(
                    self.env["res.users"].search([("login", "=", "oa_forged")])
                )

    def test_cannot_touch_leaders_admins_project_members(self):
        # all three are users of unit_a, which admin_a1 administers
        for target in (self.leader_a, self.admin_a2, self.project_user):
            hashed = self.password_hash(target)
            for vals in (
                {"password": "Taken#2026"},
                {"login": f"{target.login}_taken"},
                {"email": "taken@example.com"},
                {"active": False},
            ):
                with self.subTest(target=target.login, field=list(vals)):
                    self.refused(
                        lambda t=target, v=vals: t.with_user(self.admin_a1).write(v)
                    )
            self.assertEqual(self.password_hash(target), hashed)
            self.assertTrue(target.active)
            self.assertNotIn("_taken", target.login)
            self.refused(
                lambda t=target: t.with_user(self.admin_a1).action_reset_password()
            )

    def test_cannot_change_own_login_or_password_as_administrator(self):
        hashed = self.password_hash(self.admin_a1)
        for vals in ({"password": "Mine#2026"}, {"login": "oa_admin_renamed"}):
            self.refused(
                lambda vals=vals: self.admin_a1.with_user(self.admin_a1).write(vals)
            )
        self.assertEqual(self.password_hash(self.admin_a1), hashed)
        self.assertEqual(self.admin_a1.login, "oa_admin_a1")
        # what Odoo lets anyone change on himself still works
        self.admin_a1.with_user(self.admin_a1).write({"signature": "<p>王</p>"})

    def test_manages_plain_users_of_his_units(self):
        self.staff_a_sub.with_user(self.admin_a1).write(
            {"login": "oa_staff_sub_new", "password": "Reset#2026"}
        )
        self.staff_a.with_user(self.admin_a1).write(
            {"groups_id": [(4, self.ref("oa_base.group_oa_seal_keeper").id)]}
        )
        self.reread()
        self.assertEqual(self.staff_a_sub.login, "oa_staff_sub_new")
        self.assertTrue(self.staff_a_sub.oa_password_change_required)
        self.assertTrue(self.staff_a.has_group("oa_base.group_oa_seal_keeper"))

    def test_cannot_manage_plain_users_of_other_units(self):
        self.refused(
            lambda: self.staff_b.with_user(self.admin_a1).write({"login": "x_b"})
        )
        self.assertEqual(self.staff_b.login, "oa_staff_b")

    def test_manager_only_fields(self):
        partner = self.leader_a.partner_id
        for vals in (
            {"partner_id": partner.id},
            {"password_write_date": datetime(2030, 1, 1)},
            {"company_ids": [(4, self.env.company.id)]},
        ):
            with self.subTest(field=list(vals)):
                self.refused(
                    lambda vals=vals: self.staff_a.with_user(self.admin_a1).write(vals)
                )
        self.assertNotEqual(self.staff_a.partner_id, partner)
        self.refused(
            lambda: self.env["res.users"]
            .with_user(self.admin_a1)
            .create(
                {
                    "name": "假领导",
                    "login": "oa_fake_leader",
                    "partner_id": partner.id,
                    "oa_unit_id": self.unit_a.id,
                }
            )
        )

    def test_project_group_grants_oa_roles_but_not_settings(self):
        leader = self.ref("oa_base.group_oa_leader")
        self.staff_b.with_user(self.project_user).write({"groups_id": [(4, leader.id)]})
        self.assertTrue(self.staff_b.has_group("oa_base.group_oa_leader"))
        for target in (self.staff_b, self.project_user):
            for xmlid in ("base.group_system", "base.group_erp_manager"):
                group = self.ref(xmlid)
                with self.subTest(target=target.login, group=xmlid):
                    self.refused(
                        lambda t=target, g=group: t.with_user(self.project_user).write(
                            {"groups_id": [(4, g.id)]}
                        )
                    )
                    self.assertNotIn(group, target.groups_id)

    def test_project_group_cannot_take_over_settings_admin(self):
        hashed = self.password_hash(self.settings_admin)
        for vals in ({"password": "Taken#2026"}, {"login": "taken"}):
            self.refused(
                lambda vals=vals: self.settings_admin.with_user(
                    self.project_user
                ).write(vals)
            )
        self.assertEqual(self.password_hash(self.settings_admin), hashed)
        self.assertEqual(self.settings_admin.login, "admin")

    def test_plain_roles_cannot_write_users(self):
        for role, user in self.roles.items():
            if role == "unit_admin":
                continue
            with self.subTest(role=role):
                self.refused(
                    lambda user=user: self.staff_a_sub.with_user(user).write(
                        {"login": "oa_taken"}
                    )
                )
        self.assertEqual(self.staff_a_sub.login, "oa_staff_a_sub")


@tagged("post_install", "-at_install")
class TestPasswordFlag(OaSecurityCommon):
    """Point 5: a password set by anyone but the user himself forces a change."""

    def setUp(self):
        super().setUp()
        self.staff_a.oa_password_change_required = False
        self.reread()

    def assertFlag(self, user):
        self.reread()
        self.assertTrue(user.oa_password_change_required)
        user.sudo().oa_password_change_required = False

    def test_write_with_flag_and_context(self):
        for actor in (self.admin_a1, self.project_user, self.settings_admin):
            with self.subTest(actor=actor.login):
                self.staff_a.with_user(actor).with_context(
                    oa_password_self_set=True
                ).write(
                    {"password": "Other#2026", "oa_password_change_required": False}
                )
                self.assertFlag(self.staff_a)

    def test_create_with_flag_false(self):
        user = (
            self.env["res.users"]
            .with_user(self.admin_a1)
            .create(
                {
                    "name": "新人",
                    "login": "oa_new_flag",
                    "password": "Given#2026",
                    "oa_unit_id": self.unit_a.id,
                    "oa_password_change_required": False,
                }
            )
        )
        self.assertFlag(user)

    def test_change_password_wizard(self):
        wizard = (
            self.env["change.password.wizard"]
            .with_user(self.settings_admin)
            .with_context(active_model="res.users", active_ids=self.staff_a.ids)
            .create({})
        )
        wizard.user_ids.new_passwd = "Wizard#2026"
        wizard.change_password_button()
        self.assertFlag(self.staff_a)

    def test_reset_password_action(self):
        # password_security allows one reset a day
        self.staff_a.password_write_date = datetime.now() - timedelta(days=2)
        self.staff_a.with_user(self.admin_a1).action_reset_password()
        self.assertFlag(self.staff_a)

    def test_flag_not_cleared_by_others(self):
        self.staff_a.sudo().oa_password_change_required = True
        for actor in (self.admin_a1, self.project_user, self.settings_admin):
            with self.subTest(actor=actor.login):
                self.refused(
                    lambda actor=actor: self.staff_a.with_user(actor).write(
                        {"oa_password_change_required": False}
                    )
                )
                self.assertTrue(self.staff_a.oa_password_change_required)

    def test_own_change_clears_flag(self):
        self.staff_a.sudo().oa_password_change_required = True
        self.staff_a.with_user(self.staff_a).change_password(
            "oa_staff_a", "Mine#Own2026"
        )
        self.reread()
        self.assertFalse(self.staff_a.oa_password_change_required)


@tagged("post_install", "-at_install")
class TestGrantableRoles(OaSecurityCommon):
    """Point 5: the project group says which roles unit administrators grant."""

    def test_project_group_configures_grantable_roles(self):
        finance = self.ref("oa_base.group_oa_finance")
        clerk = self.ref("oa_base.group_oa_document_clerk")
        self.refused(
            lambda: self.staff_a.with_user(self.admin_a1).write(
                {"groups_id": [(4, finance.id)]}
            )
        )
        (finance | clerk).with_user(self.project_user).write(
            {"oa_unit_admin_grantable": True}
        )
        clerk.with_user(self.project_user).oa_unit_admin_grantable = False
        self.reread()
        self.staff_a.with_user(self.admin_a1).write({"groups_id": [(4, finance.id)]})
        self.assertTrue(self.staff_a.has_group("oa_base.group_oa_finance"))
        self.refused(
            lambda: self.staff_a_sub.with_user(self.admin_a1).write(
                {"groups_id": [(4, clerk.id)]}
            )
        )
        self.assertNotIn(clerk, self.staff_a_sub.groups_id)

    def test_only_project_group_configures_and_only_that(self):
        finance = self.ref("oa_base.group_oa_finance")
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.refused(
                    lambda user=user: finance.with_user(user).write(
                        {"oa_unit_admin_grantable": True}
                    )
                )
        self.assertFalse(finance.oa_unit_admin_grantable)
        project = self.ref("oa_base.group_oa_project")
        system = self.ref("base.group_system")
        for group, vals in (
            (project, {"users": [(4, self.staff_a.id)]}),
            (project, {"implied_ids": [(4, system.id)]}),
            (finance, {"name": "财务(改)"}),
            (system, {"api_key_duration": 999}),
        ):
            with self.subTest(group=group.name, field=list(vals)):
                self.refused(
                    lambda g=group, v=vals: g.with_user(self.project_user).write(v)
                )
        self.assertNotIn(self.staff_a, project.users)
        self.assertNotIn(system, project.implied_ids)
        self.refused(
            lambda: project.with_user(self.project_user).write(
                {"oa_unit_admin_grantable": True}
            )
        )
        self.assertFalse(project.oa_unit_admin_grantable)


@tagged("post_install", "-at_install")
class TestUnitFields(OaSecurityCommon):
    """hr.department: roles and structure by the project group, settings by
    the unit's administrators."""

    def test_structure_and_roles_only_by_project_group(self):
        names = ["parent_id", "active", "oa_unit_type", "oa_is_pilot", "oa_leader_id"]
        names += ["oa_admin_ids", "is_oa_unit"]
        before = self.unit_a.read(names)
        for role in ("unit_admin", "hr_officer", "staff", "leader", "clerk"):
            user = self.roles[role]
            for vals in (
                {"parent_id": self.unit_b.id},
                {"active": False},
                {"oa_unit_type": "factory"},
                {"oa_is_pilot": True},
                {"oa_leader_id": user.id},
                {"oa_admin_ids": [(4, user.id)]},
                {"is_oa_unit": False},
            ):
                with self.subTest(role=role, field=list(vals)):
                    self.refused(
                        lambda u=user, v=vals: self.unit_a.with_user(u).write(v)
                    )
        self.assertEqual(self.unit_a.read(names), before)
        self.unit_a.with_user(self.project_user).write({"oa_is_pilot": True})
        self.assertTrue(self.unit_a.oa_is_pilot)

    def test_unit_settings_only_by_its_administrators(self):
        for role in ("hr_officer", "staff", "leader"):
            with self.subTest(role=role):
                self.refused(
                    lambda role=role: self.unit_a.with_user(self.roles[role]).write(
                        {"oa_short_name": "假"}
                    )
                )
        self.refused(
            lambda: self.unit_b.with_user(self.admin_a1).write({"oa_short_name": "假"})
        )
        self.assertEqual(
            (self.unit_a | self.unit_b).mapped("oa_short_name"), ["甲", "乙"]
        )
        self.unit_a.with_user(self.admin_a1).write({"oa_short_name": "甲办"})
        self.assertEqual(self.unit_a.oa_short_name, "甲办")

    def test_create_unit_only_by_project_group(self):
        for role in ("unit_admin", "hr_officer", "staff"):
            with self.subTest(role=role):
                self.refused(
                    lambda role=role: self.env["hr.department"]
                    .with_user(self.roles[role])
                    .create({"name": "私设单位", "is_oa_unit": True})
                )
        self.assertFalse(self.env["hr.department"].search([("name", "=", "私设单位")]))

    def test_unlink_unit_refused(self):
        for role in ("unit_admin", "staff"):
            with self.subTest(role=role):
                self.refused(
                    lambda role=role: self.unit_a_sub.with_user(
                        self.roles[role]
                    ).unlink()
                )
        self.assertTrue(self.unit_a_sub.exists())


@tagged("post_install", "-at_install")
class TestProxyIntegrity(OaSecurityCommon):
    """Point 4: principal and proxy never change; the past is not rewritten."""

    def setUp(self):
        super().setUp()
        now = datetime.now().replace(microsecond=0)
        self.now = now
        Proxy = self.env["oa.proxy"]
        self.future = Proxy.with_user(self.staff_a).create(
            {
                "proxy_user_id": self.clerk_a.id,
                "date_from": now + timedelta(days=2),
                "date_to": now + timedelta(days=4),
            }
        )
        # made by the server (e.g. from an approved leave) in the past
        self.current = Proxy.create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.staff_a.id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=1),
            }
        )
        self.over = Proxy.create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.staff_a.id,
                "date_from": now - timedelta(days=10),
                "date_to": now - timedelta(days=8),
            }
        )

    def test_hijack_refused(self):
        for actor, proxy in (
            (self.staff_a, self.future),
            (self.admin_a1, self.future),
            (self.project_user, self.current),
        ):
            for vals in (
                {"user_id": self.leader_a.id},
                {"proxy_user_id": self.clerk_a.id},
                {"oa_unit_id": self.unit_b.id},
            ):
                with self.subTest(actor=actor.login, field=list(vals)):
                    self.refused(
                        lambda p=proxy, a=actor, v=vals: p.with_user(a).write(v)
                    )
        self.assertRecordValues(
            self.future,
            [{"user_id": self.staff_a.id, "proxy_user_id": self.clerk_a.id}],
        )
        self.assertEqual(self.current.user_id, self.leader_a)
        # and so he does not act for the leader
        self.assertFalse(
            self.env["oa.proxy"]._can_act_for(
                self.clerk_a, self.leader_a, self.now + timedelta(days=3)
            )
        )

    def test_only_principal_admin_or_project_group_names_a_proxy(self):
        vals = {
            "user_id": self.leader_a.id,
            "proxy_user_id": self.staff_a.id,
            "date_from": self.now + timedelta(days=20),
            "date_to": self.now + timedelta(days=21),
        }
        for actor in (self.staff_a, self.clerk_a, self.admin_b, self.hr_officer):
            with self.subTest(actor=actor.login):
                self.refused(
                    lambda a=actor: self.env["oa.proxy"].with_user(a).create(vals)
                )
        self.assertEqual(
            self.env["oa.proxy"].search_count([("user_id", "=", self.leader_a.id)]), 2
        )
        for actor, days in ((self.admin_a1, 20), (self.project_user, 30)):
            self.env["oa.proxy"].with_user(actor).create(
                dict(
                    vals,
                    date_from=self.now + timedelta(days=days),
                    date_to=self.now + timedelta(days=days + 1),
                )
            )

    def test_past_not_rewritten(self):
        yesterday = self.now - timedelta(days=1)
        leader_window = self.current.with_user(self.leader_a)
        for proxy, vals in (
            # a started window keeps its start and stays on record
            (leader_window, {"date_from": self.now + timedelta(hours=1)}),
            (leader_window, {"date_from": self.now - timedelta(days=5)}),
            (leader_window, {"active": False}),
            # no end in the past
            (leader_window, {"date_to": yesterday}),
            # an ended window is closed for good
            (self.over.with_user(self.leader_a), {"date_to": self.now + timedelta(1)}),
            (self.over.with_user(self.leader_a), {"note": "x", "active": False}),
            # a future window does not start in the past
            (self.future.with_user(self.staff_a), {"date_from": yesterday}),
        ):
            with self.subTest(proxy=proxy.id, field=list(vals)):
                self.refused(lambda p=proxy, v=vals: p.write(v))
        expected = [
            {"date_from": self.now - timedelta(days=1), "active": True},
            {"date_from": self.now - timedelta(days=10), "active": True},
        ]
        self.assertRecordValues(self.current | self.over, expected)
        self.assertEqual(self.over.date_to, self.now - timedelta(days=8))
        self.assertEqual(self.current.date_to, self.now + timedelta(days=1))
        self.refused(
            lambda: self.env["oa.proxy"]
            .with_user(self.staff_a)
            .create(
                {
                    "proxy_user_id": self.clerk_a.id,
                    "date_from": self.now - timedelta(days=3),
                    "date_to": self.now - timedelta(days=2),
                }
            )
        )
        for proxy in (self.current, self.over):
            self.refused(lambda p=proxy: p.with_user(self.leader_a).unlink())
        self.assertTrue((self.current | self.over).exists())

    def test_future_and_running_windows_adjusted(self):
        self.current.with_user(self.leader_a).date_to = self.now + timedelta(hours=1)
        self.future.with_user(self.staff_a).write(
            {"date_from": self.now + timedelta(days=3), "note": "改期"}
        )
        self.future.with_user(self.admin_a1).active = False
        self.future.with_user(self.staff_a).unlink()
        self.reread()
        self.assertEqual(self.current.date_to, self.now + timedelta(hours=1))
        self.assertFalse(self.future.exists())

    def test_proxy_cannot_extend_his_own_window(self):
        self.refused(
            lambda: self.current.with_user(self.staff_a).write(
                {"date_to": self.now + timedelta(days=30)}
            )
        )
        self.assertEqual(self.current.date_to, self.now + timedelta(days=1))


@tagged("post_install", "-at_install")
class TestSettingsSecurity(OaSecurityCommon):
    def test_settings_only_by_settings_administrators(self):
        for role, user in (*self.roles.items(), ("project", self.project_user)):
            with self.subTest(role=role):
                self.refused(
                    lambda user=user: self.env["res.config.settings"]
                    .with_user(user)
                    .create({"oa_force_password_change": False})
                    .execute()
                )
                self.refused(
                    lambda user=user: self.env["ir.config_parameter"]
                    .with_user(user)
                    .set_param("oa_base.force_password_change", False)
                )
        self.assertTrue(self.env["res.users"]._oa_force_first_login_change())


@tagged("post_install", "-at_install")
class TestApiKeys(OaSecurityCommon):
    """Point 9: the project group sets how long integration users' keys live."""

    def test_integration_key_lifetime(self):
        integration = self.ref("oa_base.group_oa_integration")
        robot = new_test_user(
            self.env,
            login="oa_erp_robot",
            groups="oa_base.group_oa_integration",
            oa_unit_id=self.unit_a.id,
        )
        in_200_days = datetime.now() + timedelta(days=200)
        Keys = self.env["res.users.apikeys"]
        Keys.with_user(robot)._check_expiration_date(in_200_days)
        with self.assertRaises(ValidationError):
            Keys.with_user(self.staff_a)._check_expiration_date(in_200_days)
        integration.with_user(self.project_user).api_key_duration = 30
        self.reread()
        with self.assertRaises(ValidationError):
            Keys.with_user(robot)._check_expiration_date(in_200_days)
        self.refused(
            lambda: integration.with_user(self.admin_a1).write(
                {"api_key_duration": 3650}
            )
        )
        self.assertEqual(integration.api_key_duration, 30)
        # unit administrators never grant the integration role
        self.refused(
            lambda: self.staff_a.with_user(self.admin_a1).write(
                {"groups_id": [(4, integration.id)]}
            )
        )

    def test_rpc_password_refused_while_change_required(self):
        credential = {"type": "password", "password": "oa_staff_a"}
        rpc = {"interactive": False}
        user = self.staff_a.with_user(self.staff_a)
        self.assertTrue(self.staff_a.oa_password_change_required)
        with self.assertRaises(AccessDenied) as caught:
            user._check_credentials(credential, rpc)
        self.assertIn("/oa/password/change", str(caught.exception))
        # the web log-in (which leads to the change form) still checks fine
        user._check_credentials(credential, {"interactive": True})
        self.staff_a.sudo().oa_password_change_required = False
        user._check_credentials(credential, rpc)
