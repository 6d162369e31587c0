# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_usage_common import OaUsageCommon


@tagged("post_install", "-at_install")
class TestUsageAccess(OaUsageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.snapshots = cls.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1),
            units=cls.unit_a | cls.unit_a_sub | cls.unit_b,
            date_to=date(2025, 6, 7),
        )
        cls.snap_a = cls.snapshots.filtered(lambda s: s.unit_id == cls.unit_a)
        cls.snap_sub = cls.snapshots.filtered(lambda s: s.unit_id == cls.unit_a_sub)
        cls.snap_b = cls.snapshots.filtered(lambda s: s.unit_id == cls.unit_b)

    def visible(self, user):
        self.env.invalidate_all()
        return (
            self.env["oa.usage.snapshot"]
            .with_user(user)
            .search([("id", "in", self.snapshots.ids)])
        )

    def test_unit_admin_sees_his_units(self):
        self.assertEqual(self.visible(self.admin_a1), self.snap_a | self.snap_sub)
        self.assertEqual(self.visible(self.admin_b), self.snap_b)
        self.assertEqual(self.visible(self.project_user), self.snapshots)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_roles_see_nothing(self):
        for user in (self.staff_a, self.finance, self.leader_a, self.clerk_a):
            with self.assertRaises(AccessError):
                self.visible(user)
        with self.assertRaises(AccessError):
            self.snap_b.with_user(self.admin_a1).read(["rate_a"])

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_nobody_writes_snapshots(self):
        for user in (self.project_user, self.admin_a1, self.finance):
            Snapshot = self.env["oa.usage.snapshot"].with_user(user)
            with self.assertRaises(UserError):
                Snapshot.create(
                    {
                        "unit_id": self.unit_a.id,
                        "period": "day",
                        "date": date(2025, 1, 1),
                    }
                )
            with self.assertRaises(UserError):
                self.snap_a.with_user(user).write({"rate_a": 9.0})
            with self.assertRaises(AccessError):
                self.snap_a.with_user(user).unlink()
        self.assertEqual(self.snap_a.rate_a, 0.0)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_recompute_button_project_only(self):
        with self.assertRaises(AccessError):
            self.snap_a.with_user(self.admin_a1).action_recompute_month()
        self.snapshots.with_user(self.project_user).action_recompute_month()
        self.assertEqual(
            self.env["oa.usage.snapshot"].search_count(
                [
                    ("period", "=", "month"),
                    ("date", "=", date(2025, 6, 1)),
                    ("unit_id", "=", self.unit_a.id),
                ]
            ),
            1,
        )
