# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import OaBaseCommon


@tagged("post_install", "-at_install")
class TestUnitSetup(OaBaseCommon):
    def test_complete_unit(self):
        self.assertRecordValues(
            self.unit_a, [{"oa_setup_complete": True, "oa_setup_issues": False}]
        )

    def test_one_admin_no_leader_is_incomplete(self):
        # unit_b: one administrator, no leader, no liaison
        self.assertFalse(self.unit_b.oa_setup_complete)
        issues = self.unit_b.oa_setup_issues
        self.assertIn("exactly 2 system administrators (it has 1)", issues)
        self.assertIn("No leader in charge", issues)
        self.assertIn("No IT centre liaison", issues)

    def test_three_admins_is_incomplete(self):
        self.unit_a.oa_admin_ids |= self.staff_a
        self.assertFalse(self.unit_a.oa_setup_complete)
        self.assertIn("(it has 3)", self.unit_a.oa_setup_issues)

    def test_incomplete_filter_finds_only_incomplete_units(self):
        incomplete = self.env["hr.department"].search(
            [
                ("is_oa_unit", "=", True),
                ("oa_setup_complete", "=", False),
                ("id", "in", (self.unit_a | self.unit_b).ids),
            ]
        )
        self.assertEqual(incomplete, self.unit_b)

    def test_department_not_oa_unit_has_no_issues(self):
        dept = self.env["hr.department"].create({"name": "非OA部门"})
        self.assertRecordValues(
            dept, [{"oa_setup_complete": False, "oa_setup_issues": False}]
        )

    def test_named_admin_gets_unit_admin_group(self):
        self.assertFalse(self.staff_b.has_group("oa_base.group_oa_unit_admin"))
        self.unit_b.with_user(self.project_user).oa_admin_ids |= self.staff_b
        self.assertTrue(self.staff_b.has_group("oa_base.group_oa_unit_admin"))
        self.assertIn(self.unit_b, self.staff_b.oa_managed_unit_ids)

    def test_project_group_completes_unit_in_form(self):
        with Form(self.unit_b.with_user(self.project_user)) as form:
            form.oa_admin_ids.add(self.staff_b)
            form.oa_leader_id = self.leader_a
            form.oa_liaison_id = self.liaison
        self.assertTrue(self.unit_b.oa_setup_complete)

    def test_unit_admin_cannot_name_roles(self):
        for field, value in (
            ("oa_leader_id", self.staff_a.id),
            ("oa_liaison_id", self.staff_a.id),
            ("oa_admin_ids", [(4, self.staff_a.id)]),
            ("is_oa_unit", False),
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.unit_a.with_user(self.admin_a1).write({field: value})
        self.assertEqual(self.unit_a.oa_leader_id, self.leader_a)

    def test_user_count(self):
        self.assertEqual(self.unit_b.oa_user_count, 4)
        action = self.unit_b.action_open_oa_users()
        self.assertEqual(
            self.env["res.users"].search(action["domain"]),
            self.admin_b | self.staff_b | self.liaison | self.finance,
        )
