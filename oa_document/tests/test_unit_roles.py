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

    def test_role_holders_follow_every_change(self):
        """The holders of a group role are cached per process (every step
        asks who the clerks are): a change of the group's members, of a
        user's unit or activity, or a new user, is seen at the next
        lookup, in the same transaction."""
        clerk_group = self.env.ref("oa_base.group_oa_document_clerk")
        self.assertEqual(self.unit_b._oa_role_users("clerk"), self.clerk_b)
        with self.assertQueryCount(0):  # cached
            self.unit_b._oa_role_users("clerk")
        # a member of unit B made a clerk through the group's members
        clerk_group.sudo().write({"users": [(4, self.staff_b.id)]})
        self.assertEqual(
            self.unit_b._oa_role_users("clerk"), self.clerk_b | self.staff_b
        )
        # through the user's groups
        self.staff_b.sudo().write({"groups_id": [(3, clerk_group.id)]})
        self.assertEqual(self.unit_b._oa_role_users("clerk"), self.clerk_b)
        # a clerk moved to another unit
        self.clerk_b.sudo().oa_unit_id = self.unit_c
        self.assertFalse(self.unit_b._oa_role_users("clerk"))
        self.assertEqual(self.unit_c._oa_role_users("clerk"), self.clerk_b)
        # a new clerk of unit B
        new = (
            self.env["res.users"]
            .sudo()
            .create(
                {
                    "name": "新收文员",
                    "login": "oa_new_clerk_b",
                    "oa_unit_id": self.unit_b.id,
                    "groups_id": [(6, 0, clerk_group.ids)],
                }
            )
        )
        self.assertEqual(self.unit_b._oa_role_users("clerk"), new)
        # the users' units come with them (callers split them by unit)
        holders = (self.unit_b | self.unit_c)._oa_role_users("clerk")
        with self.assertQueryCount(0):
            self.assertEqual(holders.mapped("oa_unit_id"), self.unit_b | self.unit_c)
