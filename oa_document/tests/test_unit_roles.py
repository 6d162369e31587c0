# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestUnitRoles(OaDocumentCommon):
    def test_role_users(self):
        units = self.unit_a | self.unit_b
        self.assertEqual(units._oa_role_users("leader"), self.leader_a | self.leader_b)
        self.assertEqual(
            self.unit_a._oa_role_users("admin"), self.admin_a1 | self.admin_a2
        )
        # the project group member of unit A holds the clerk and seal roles too
        self.assertEqual(
            self.unit_a._oa_role_users("clerk"), self.clerk_a | self.project_user
        )
        self.assertEqual(
            self.unit_a._oa_role_users("seal_keeper"), self.seal_a | self.project_user
        )
        self.assertEqual(self.unit_b._oa_role_users("clerk"), self.clerk_b)
        self.assertIn(self.staff_a, self.unit_a._oa_role_users("user"))
        self.assertNotIn(self.staff_a_sub, self.unit_a._oa_role_users("user"))
        self.assertFalse(self.unit_c._oa_role_users("admin"))
        self.assertFalse(self.env["hr.department"]._oa_role_users("leader"))
        # archived users hold no role
        self.clerk_b.active = False
        self.assertFalse(self.unit_b._oa_role_users("clerk"))
        with self.assertRaises(ValueError):
            self.unit_a._oa_role_users("pope")
