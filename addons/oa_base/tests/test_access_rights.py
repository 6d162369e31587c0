# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OaBaseCommon


@tagged("post_install", "-at_install")
class TestGroups(OaBaseCommon):
    def test_group_hierarchy(self):
        project = self.project_user
        for xmlid in (
            "oa_base.group_oa_user",
            "oa_base.group_oa_document_clerk",
            "oa_base.group_oa_seal_keeper",
            "oa_base.group_oa_unit_admin",
        ):
            self.assertTrue(project.has_group(xmlid), xmlid)
        self.assertTrue(self.clerk_a.has_group("oa_base.group_oa_user"))
        self.assertFalse(self.clerk_a.has_group("oa_base.group_oa_unit_admin"))
        self.assertFalse(self.admin_a1.has_group("oa_base.group_oa_project"))
        self.assertTrue(self.finance.has_group("oa_base.group_oa_user"))
        self.assertFalse(self.finance.has_group("oa_base.group_oa_leader"))
        self.assertTrue(self.leader_a.has_group("oa_base.group_oa_user"))


@tagged("post_install", "-at_install")
class TestUnitRules(OaBaseCommon):
    """hr.department: a unit administrator edits its own unit and sub-units."""

    def test_unit_admin_edits_own_unit(self):
        self.unit_a.with_user(self.admin_a1).write({"oa_on_backbone": True})
        self.assertTrue(self.unit_a.oa_on_backbone)

    def test_unit_admin_edits_sub_unit(self):
        self.unit_a_sub.with_user(self.admin_a1).write({"oa_short_name": "甲厂"})
        self.assertEqual(self.unit_a_sub.oa_short_name, "甲厂")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_cannot_edit_other_unit(self):
        with self.assertRaises(AccessError):
            self.unit_b.with_user(self.admin_a1).write({"oa_on_backbone": True})
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.admin_b).write({"oa_on_backbone": True})
        self.assertFalse(self.unit_a.oa_on_backbone or self.unit_b.oa_on_backbone)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_staff_cannot_edit_unit(self):
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.staff_a).write({"oa_on_backbone": True})

    def test_everyone_reads_units(self):
        units = (
            self.env["hr.department"]
            .with_user(self.staff_b)
            .search([("id", "in", (self.unit_a | self.unit_b).ids)])
        )
        self.assertEqual(len(units), 2)

    def test_project_group_edits_any_unit(self):
        self.unit_b.with_user(self.project_user).write({"oa_on_backbone": True})
        self.assertTrue(self.unit_b.oa_on_backbone)


@tagged("post_install", "-at_install")
class TestUserRules(OaBaseCommon):
    """res.users: a unit administrator manages the users of its own units."""

    def _new_user_vals(self, unit, login="oa_new_user"):
        return {"name": "新员工", "login": login, "oa_unit_id": unit.id}

    def test_unit_admin_creates_user_in_own_unit(self):
        Users = self.env["res.users"].with_user(self.admin_a1)
        user = Users.create(self._new_user_vals(self.unit_a))
        self.assertEqual(user.oa_unit_id, self.unit_a)
        user_sub = Users.create(self._new_user_vals(self.unit_a_sub, "oa_new_sub"))
        self.assertEqual(user_sub.oa_unit_id, self.unit_a_sub)

    def test_unit_admin_form_creates_user_with_role(self):
        form = Form(
            self.env["res.users"].with_user(self.admin_a1),
            view="oa_base.res_users_view_form_oa",
        )
        form.name = "李文书"
        form.login = "oa_form_clerk"
        form.oa_unit_id = self.unit_a
        form.oa_role_ids.add(self.env.ref("oa_base.group_oa_document_clerk"))
        user = form.save()
        self.assertTrue(user.has_group("oa_base.group_oa_document_clerk"))
        self.assertTrue(user.oa_password_change_required)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_cannot_create_user_in_other_unit(self):
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.admin_a1).create(
                self._new_user_vals(self.unit_b)
            )
        self.assertFalse(self.env["res.users"].search([("login", "=", "oa_new_user")]))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_edits_only_own_units_users(self):
        self.staff_a.with_user(self.admin_a1).write({"email": "a@example.com"})
        self.staff_a_sub.with_user(self.admin_a1).write({"email": "s@example.com"})
        with self.assertRaises(AccessError):
            self.staff_b.with_user(self.admin_a1).write({"email": "b@example.com"})
        with self.assertRaises(AccessError):
            self.staff_a.with_user(self.admin_b).write({"email": "x@example.com"})
        self.assertEqual(self.staff_a.email, "a@example.com")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_cannot_move_user_to_other_unit(self):
        with self.assertRaises(AccessError):
            self.staff_a.with_user(self.admin_a1).write({"oa_unit_id": self.unit_b.id})
        self.assertEqual(self.staff_a.oa_unit_id, self.unit_a)

    def test_unit_admin_grants_clerk_role(self):
        clerk = self.env.ref("oa_base.group_oa_document_clerk")
        self.staff_a.with_user(self.admin_a1).write({"groups_id": [(4, clerk.id)]})
        self.assertTrue(self.staff_a.has_group("oa_base.group_oa_document_clerk"))

    def test_unit_admin_cannot_grant_other_groups(self):
        for xmlid in (
            "oa_base.group_oa_project",
            "oa_base.group_oa_finance",
            "base.group_system",
        ):
            group = self.env.ref(xmlid)
            with self.subTest(group=xmlid), self.assertRaises(AccessError):
                self.staff_a.with_user(self.admin_a1).write(
                    {"groups_id": [(4, group.id)]}
                )
            self.env.invalidate_all()
            self.assertNotIn(group, self.staff_a.groups_id)

    def test_unit_admin_resets_password_of_own_user(self):
        self.staff_a.oa_password_change_required = False
        self.staff_a.with_user(self.admin_a1).write({"password": "Reset#2026"})
        self.assertTrue(self.staff_a.oa_password_change_required)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_cannot_reset_other_units_password(self):
        self.staff_b.oa_password_change_required = False
        with self.assertRaises(AccessError):
            self.staff_b.with_user(self.admin_a1).write({"password": "Reset#2026"})
        self.assertFalse(self.staff_b.oa_password_change_required)

    def test_staff_cannot_edit_users(self):
        with self.assertRaises(AccessError):
            self.staff_a_sub.with_user(self.staff_a).write({"email": "x@example.com"})

    def test_project_group_edits_any_user(self):
        self.staff_b.with_user(self.project_user).write({"email": "pb@example.com"})
        self.assertEqual(self.staff_b.email, "pb@example.com")
