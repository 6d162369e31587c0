# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.2: 三员 — three duties, three people; rights are granted by the
security administrator only.  Attacks made as each duty, the way an RPC
client would make them."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

REFUSED = UserError  # AccessError and ValidationError are UserErrors


@tagged("post_install", "-at_install")
class TestSeparation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ref = cls.env.ref

        def user(login, groups):
            return new_test_user(
                cls.env, login=login, name=login, groups=groups, tz="Asia/Shanghai"
            )

        cls.sysadmin = user("sep_sysadmin", "oa_security.group_oa_sysadmin")
        cls.secadmin = user("sep_secadmin", "oa_security.group_oa_secadmin")
        cls.auditor = user("sep_auditor", "oa_security.group_oa_auditor")
        cls.staff = user("sep_staff", "oa_base.group_oa_user")
        cls.admin = cls.ref("base.user_admin")
        cls.duties = {
            "sysadmin": cls.ref("oa_security.group_oa_sysadmin"),
            "settings": cls.ref("base.group_system"),
            "secadmin": cls.ref("oa_security.group_oa_secadmin"),
            "auditor": cls.ref("oa_security.group_oa_auditor"),
        }

    def refused(self, func, exceptions=REFUSED):
        with (
            mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"),
            self.assertRaises(exceptions),
            self.env.cr.savepoint(),
        ):
            func()
        self.env.flush_all()
        self.env.invalidate_all()

    def test_nobody_holds_two_duties(self):
        """Even the security administrator or the superuser cannot give one
        person two duties, nor can admin (Settings) take another."""
        for target, groups in (
            (self.sysadmin, ("secadmin", "auditor")),
            (self.secadmin, ("sysadmin", "settings", "auditor")),
            (self.auditor, ("sysadmin", "settings", "secadmin")),
            (self.admin, ("secadmin", "auditor")),
        ):
            for name in groups:
                group = self.duties[name]
                for actor in (self.secadmin, None):
                    with self.subTest(target=target.login, duty=name, actor=actor):
                        users = target.with_user(actor) if actor else target
                        self.refused(
                            lambda u=users, g=group: u.write({"groups_id": [(4, g.id)]})
                        )
                        self.assertNotIn(group, target.groups_id)

    def test_no_second_duty_through_a_group(self):
        """Through the group form (members) or an implied group."""
        auditor = self.duties["auditor"]
        self.refused(
            lambda: auditor.with_user(self.secadmin).write(
                {"users": [(4, self.sysadmin.id)]}
            )
        )
        self.refused(
            lambda: self.duties["secadmin"].write({"implied_ids": [(4, auditor.id)]})
        )
        self.assertNotIn(auditor, self.secadmin.groups_id)
        self.assertNotIn(self.sysadmin, auditor.users)

    def test_each_duty_tries_to_grant_himself_a_second(self):
        for actor in (self.sysadmin, self.secadmin, self.auditor, self.admin):
            for name, group in self.duties.items():
                if group in actor.groups_id:
                    continue
                for vals in (
                    {"groups_id": [(4, group.id)]},
                    {f"in_group_{group.id}": True},
                ):
                    with self.subTest(actor=actor.login, duty=name, vals=list(vals)):
                        self.refused(lambda a=actor, v=vals: a.with_user(a).write(v))
                        self.assertNotIn(group, actor.groups_id)
                with self.subTest(actor=actor.login, duty=name, via="group"):
                    self.refused(
                        lambda a=actor, g=group: g.with_user(a).write(
                            {"users": [(4, a.id)]}
                        )
                    )

    def test_system_administrator_grants_no_role(self):
        """Settings users configure; they grant nothing, to nobody, and name
        no unit administrator (the role would come with it)."""
        project = self.ref("oa_base.group_oa_project")
        leader = self.ref("oa_base.group_oa_leader")
        unit = self.env["hr.department"].create(
            {"name": "三员测试单位", "is_oa_unit": True}
        )
        finance = self.ref("oa_base.group_oa_finance")
        for actor in (self.sysadmin, self.admin):
            for target in (actor, self.staff):
                groups = (project | leader | finance) - target.groups_id
                self.assertTrue(groups)
                for group in groups:
                    with self.subTest(actor=actor.login, target=target.login):
                        self.refused(
                            lambda a=actor, t=target, g=group: t.with_user(a).write(
                                {"groups_id": [(4, g.id)]}
                            ),
                            AccessError,
                        )
                        self.assertNotIn(group, target.groups_id)
                self.refused(
                    lambda a=actor, t=target, g=groups[:1]: t.with_user(a).write(
                        {"oa_role_ids": [(4, g.id)]}
                    )
                )
            self.refused(
                lambda a=actor: finance.with_user(a).write({"users": [(4, a.id)]}),
                AccessError,
            )
            self.refused(
                lambda a=actor: unit.with_user(a).write({"oa_admin_ids": [(4, a.id)]}),
                AccessError,
            )
            self.refused(
                lambda a=actor: self.env["res.groups"]
                .with_user(a)
                .create(
                    {
                        "name": "后门",
                        "implied_ids": [(4, project.id)],
                        "users": [(4, a.id)],
                    }
                ),
                AccessError,
            )
            self.assertNotIn(actor, finance.users)
            self.assertFalse(unit.oa_admin_ids)

    def test_security_administrator_grants_roles_but_not_to_himself(self):
        project = self.ref("oa_base.group_oa_project")
        self.staff.with_user(self.secadmin).write({"groups_id": [(4, project.id)]})
        self.assertIn(project, self.staff.groups_id)
        self.refused(
            lambda: self.secadmin.with_user(self.secadmin).write(
                {"groups_id": [(4, project.id)]}
            ),
            AccessError,
        )
        self.assertNotIn(project, self.secadmin.groups_id)
        # he designates the system administrator (a person with no other duty)
        self.staff.with_user(self.secadmin).write(
            {"groups_id": [(4, self.duties["sysadmin"].id)]}
        )
        self.assertTrue(self.staff.has_group("base.group_system"))

    def test_unit_administrators_keep_granting_in_their_units(self):
        clerk = self.ref("oa_base.group_oa_document_clerk")
        unit = self.env["hr.department"].create(
            {"name": "三员测试单位", "is_oa_unit": True}
        )
        unit_admin = new_test_user(
            self.env,
            login="sep_unit_admin",
            groups="oa_base.group_oa_unit_admin",
            oa_unit_id=unit.id,
        )
        unit.oa_admin_ids = unit_admin
        self.staff.oa_unit_id = unit
        self.staff.with_user(unit_admin).write({"groups_id": [(4, clerk.id)]})
        self.assertIn(clerk, self.staff.groups_id)

    def test_duty_holders_accounts_managed_by_the_security_administrator(self):
        """A password reset would hand a duty over: the system administrator
        resets nobody's of the 三员."""
        for target in (self.secadmin, self.auditor):
            self.refused(
                lambda t=target: t.with_user(self.sysadmin).write(
                    {"password": "Taken#2026"}
                ),
                AccessError,
            )
            self.refused(
                lambda t=target: t.with_user(self.sysadmin).action_reset_password(),
                AccessError,
            )
        self.auditor.with_user(self.secadmin).write({"password": "Reset#2026"})

    def test_access_to_the_trail_is_fixed(self):
        """The system administrator cannot give himself the auditor's reading
        through an access right or a record rule."""
        model = self.env["ir.model"]._get("oa.audit.log")
        Access = self.env["ir.model.access"].with_user(self.sysadmin)
        self.refused(
            lambda: Access.create(
                {
                    "name": "backdoor",
                    "model_id": model.id,
                    "group_id": self.ref("base.group_system").id,
                    "perm_read": True,
                }
            ),
            AccessError,
        )
        existing = self.env.ref("oa_security.access_oa_audit_log_auditor")
        self.refused(
            lambda: existing.with_user(self.sysadmin).write(
                {"group_id": self.ref("base.group_system").id}
            ),
            AccessError,
        )
        self.refused(
            lambda: self.env["ir.rule"]
            .with_user(self.sysadmin)
            .create({"name": "backdoor", "model_id": model.id}),
            AccessError,
        )

    def test_demo_people_hold_one_duty_each(self):
        demo = {
            "zhaojianjun": "sysadmin",
            "qianlijuan": "secadmin",
            "sunzhiyuan": "auditor",
        }
        users = self.env["res.users"].search([("login", "in", list(demo))])
        self.assertEqual(len(users), 3)
        for user in users:
            self.assertEqual(user._oa_duties(), [demo[user.login]])
