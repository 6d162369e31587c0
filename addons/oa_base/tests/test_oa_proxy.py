# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OaBaseCommon

T0 = datetime(2026, 4, 1, 0, 0)


def day(n):
    return T0 + timedelta(days=n)


def later(n):
    """Windows users name themselves may not start in the past."""
    return datetime.now().replace(microsecond=0) + timedelta(days=n)


@tagged("post_install", "-at_install")
class TestProxy(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Proxy = cls.env["oa.proxy"]
        cls.trip = cls.Proxy.create(
            {
                "user_id": cls.leader_a.id,
                "proxy_user_id": cls.staff_a.id,
                "date_from": day(0),
                "date_to": day(5),
                "reason": "trip",
            }
        )

    # ---- who acts for whom ----

    def test_proxy_acts_inside_window(self):
        acting = self.Proxy._get_acting_users(self.leader_a | self.staff_b, day(2))
        self.assertEqual(acting[self.leader_a.id], self.staff_a)
        self.assertEqual(acting[self.staff_b.id], self.staff_b)

    def test_user_acts_outside_window(self):
        self.assertEqual(
            self.Proxy._get_acting_users(self.leader_a, day(5))[self.leader_a.id],
            self.leader_a,
        )
        self.assertEqual(
            self.Proxy._get_acting_users(self.leader_a, day(-1))[self.leader_a.id],
            self.leader_a,
        )

    def test_archived_proxy_does_not_act(self):
        self.trip.active = False
        acting = self.Proxy._get_acting_users(self.leader_a, day(2))
        self.assertEqual(acting[self.leader_a.id], self.leader_a)

    def test_can_act_for(self):
        self.assertTrue(self.Proxy._can_act_for(self.staff_a, self.leader_a, day(1)))
        self.assertTrue(self.Proxy._can_act_for(self.leader_a, self.leader_a, day(1)))
        self.assertFalse(self.Proxy._can_act_for(self.staff_b, self.leader_a, day(1)))
        self.assertFalse(self.Proxy._can_act_for(self.staff_a, self.leader_a, day(6)))
        self.assertEqual(
            self.Proxy._get_principals(self.staff_a, day(1)), self.leader_a
        )

    def test_acting_as_among_several_users(self):
        both = self.leader_a | self.staff_b
        acting_as = self.Proxy._acting_as
        self.assertEqual(acting_as(self.staff_a, both, day(1)), self.leader_a)
        self.assertEqual(acting_as(self.staff_b, both, day(1)), self.staff_b)
        self.assertFalse(self.Proxy._acting_as(self.clerk_a, both, day(1)))
        self.assertFalse(self.Proxy._acting_as(self.staff_a, both, day(6)))

    def test_acting_users_is_one_query(self):
        users = self.env["res.users"].search([("login", "like", "oa_%")])
        self.assertGreater(len(users), 10)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        with self.assertQueryCount(1):
            acting = self.Proxy._get_acting_users(users, day(1))
        self.assertEqual(len(acting), len(users))
        # then none: the windows are cached per process and day
        with self.assertQueryCount(0):
            self.Proxy._get_acting_users(users, day(1) + timedelta(hours=3))

    def test_every_change_of_a_window_is_seen_at_once(self):
        """The cached windows follow every change, in the same transaction:
        a window named, moved, archived, deleted."""
        acting = self.Proxy._get_acting_users
        self.assertEqual(acting(self.staff_b, day(1))[self.staff_b.id], self.staff_b)
        window = self.Proxy.create(
            {
                "user_id": self.staff_b.id,
                "proxy_user_id": self.clerk_a.id,
                "date_from": day(0),
                "date_to": day(3),
                "reason": "leave",
            }
        )
        self.assertEqual(acting(self.staff_b, day(1))[self.staff_b.id], self.clerk_a)
        window.date_to = day(1)
        self.assertEqual(acting(self.staff_b, day(2))[self.staff_b.id], self.staff_b)
        window.active = False
        self.assertEqual(acting(self.staff_b, day(0))[self.staff_b.id], self.staff_b)
        window.active = True
        self.assertEqual(acting(self.staff_b, day(0))[self.staff_b.id], self.clerk_a)
        window.unlink()
        self.assertEqual(acting(self.staff_b, day(0))[self.staff_b.id], self.staff_b)

    def test_current_proxy_on_user(self):
        now = datetime.now()
        self.trip.write(
            {"date_from": now - timedelta(hours=1), "date_to": now + timedelta(days=1)}
        )
        self.assertEqual(self.leader_a.oa_current_proxy_id, self.staff_a)
        self.assertTrue(self.trip.is_current)
        self.assertIn(self.trip, self.Proxy.search([("is_current", "=", True)]))
        self.assertFalse(self.staff_b.oa_current_proxy_id)

    def test_display_name(self):
        self.assertEqual(self.trip.display_name, "oa_staff_a for oa_leader_a")

    # ---- bad input ----

    def test_self_proxy_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.Proxy.create(
                {
                    "user_id": self.staff_b.id,
                    "proxy_user_id": self.staff_b.id,
                    "date_from": day(0),
                    "date_to": day(1),
                }
            )
        self.assertIn("cannot be his or her own proxy", str(error.exception))
        self.assertFalse(self.Proxy.search([("user_id", "=", self.staff_b.id)]))

    def test_overlapping_window_refused(self):
        for start, end in ((day(4), day(8)), (day(-2), day(1)), (day(1), day(2))):
            with self.subTest(start=start), self.assertRaises(ValidationError) as error:
                self.Proxy.create(
                    {
                        "user_id": self.leader_a.id,
                        "proxy_user_id": self.clerk_a.id,
                        "date_from": start,
                        "date_to": end,
                    }
                )
            self.assertIn("may not overlap", str(error.exception))
        self.assertEqual(
            self.Proxy.search_count([("user_id", "=", self.leader_a.id)]), 1
        )

    def test_overlap_in_one_batch_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.Proxy.create(
                [
                    {
                        "user_id": self.staff_b.id,
                        "proxy_user_id": self.liaison.id,
                        "date_from": day(0),
                        "date_to": day(3),
                    },
                    {
                        "user_id": self.staff_b.id,
                        "proxy_user_id": self.finance.id,
                        "date_from": day(2),
                        "date_to": day(4),
                    },
                ]
            )
        self.assertIn("may not overlap", str(error.exception))
        self.assertFalse(self.Proxy.search([("user_id", "=", self.staff_b.id)]))

    def test_moving_window_onto_another_refused(self):
        later = self.Proxy.create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.clerk_a.id,
                "date_from": day(10),
                "date_to": day(12),
            }
        )
        with self.assertRaises(ValidationError) as error:
            later.date_from = day(3)
        self.assertIn("may not overlap", str(error.exception))
        self.assertEqual(later.date_from, day(10))

    def test_adjacent_and_archived_windows_allowed(self):
        after = self.Proxy.create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.clerk_a.id,
                "date_from": day(5),
                "date_to": day(7),
            }
        )
        self.assertEqual(
            self.Proxy._get_acting_users(self.leader_a, day(6))[self.leader_a.id],
            self.clerk_a,
        )
        after.active = False
        self.Proxy.create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.staff_a.id,
                "date_from": day(6),
                "date_to": day(7),
            }
        )

    def test_end_before_start_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.Proxy.create(
                {
                    "user_id": self.staff_b.id,
                    "proxy_user_id": self.liaison.id,
                    "date_from": day(3),
                    "date_to": day(1),
                }
            )
        self.assertIn("must be after its start", str(error.exception))

    def test_proxy_form(self):
        form = Form(self.Proxy.with_user(self.staff_b))
        self.assertEqual(form.user_id, self.staff_b)
        form.proxy_user_id = self.liaison
        form.date_from = later(20)
        form.date_to = later(22)
        form.reason = "leave"
        proxy = form.save()
        self.assertRecordValues(
            proxy, [{"user_id": self.staff_b.id, "oa_unit_id": self.unit_b.id}]
        )


@tagged("post_install", "-at_install")
class TestProxyRules(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proxy_b = cls.env["oa.proxy"].create(
            {
                "user_id": cls.staff_b.id,
                "proxy_user_id": cls.liaison.id,
                "date_from": later(1),
                "date_to": later(3),
            }
        )

    def _visible(self, user):
        # demo data may hold other proxies: look only at this fixture's users
        return (
            self.env["oa.proxy"]
            .with_user(user)
            .search([("user_id.login", "=like", "oa\\_%")])
        )

    def test_principal_and_proxy_read(self):
        for user in (self.staff_b, self.liaison, self.admin_b, self.project_user):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), self.proxy_b)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_others_cannot_read(self):
        for user in (self.staff_a, self.admin_a1, self.finance):
            with self.subTest(user=user.login):
                self.assertFalse(self._visible(user))
                with self.assertRaises(AccessError):
                    self.proxy_b.with_user(user).read(["date_to"])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_proxy_cannot_change_window(self):
        with self.assertRaises(AccessError):
            self.proxy_b.with_user(self.liaison).write({"date_to": later(9)})
        end = later(4)
        self.proxy_b.with_user(self.staff_b).write({"date_to": end})
        self.assertEqual(self.proxy_b.date_to, end)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_user_cannot_name_proxy_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.env["oa.proxy"].with_user(self.staff_a).create(
                {
                    "user_id": self.leader_a.id,
                    "proxy_user_id": self.staff_a.id,
                    "date_from": later(1),
                    "date_to": later(2),
                }
            )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_names_proxy_for_own_units_only(self):
        proxy = (
            self.env["oa.proxy"]
            .with_user(self.admin_a1)
            .create(
                {
                    "user_id": self.staff_a_sub.id,
                    "proxy_user_id": self.staff_a.id,
                    "date_from": later(1),
                    "date_to": later(2),
                }
            )
        )
        self.assertEqual(proxy.user_id, self.staff_a_sub)
        with self.assertRaises(AccessError):
            self.env["oa.proxy"].with_user(self.admin_a1).create(
                {
                    "user_id": self.finance.id,
                    "proxy_user_id": self.staff_a.id,
                    "date_from": later(1),
                    "date_to": later(2),
                }
            )
