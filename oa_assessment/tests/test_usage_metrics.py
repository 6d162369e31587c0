# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .test_usage_common import OaUsageCommon


@tagged("post_install", "-at_install")
class TestWorkingDays(OaUsageCommon):
    def test_holiday_and_makeup_day(self):
        days = self.calendar._oa_working_days(date(2025, 6, 1), date(2025, 6, 8))
        self.assertEqual(days, [date(2025, 6, d) for d in (3, 4, 5, 6, 7)])

    def test_add_working_days(self):
        add = self.calendar._oa_add_working_days
        # one week after Friday 30 May: the holiday is skipped, the make-up
        # Saturday counts
        self.assertEqual(add(date(2025, 5, 30), 5), date(2025, 6, 7))
        self.assertEqual(add(date(2025, 5, 30), 6), date(2025, 6, 9))
        self.assertEqual(add(date(2025, 5, 30), 0), date(2025, 5, 30))

    def test_makeup_day_of_another_calendar(self):
        other = self.env["resource.calendar"].create({"name": "其他作息"})
        self.env["oa.calendar.workday"].create(
            {"name": "其他调休", "date": date(2025, 6, 14), "calendar_id": other.id}
        )
        days = self.calendar._oa_working_days(date(2025, 6, 14), date(2025, 6, 15))
        self.assertEqual(days, [])
        days = other._oa_working_days(date(2025, 6, 14), date(2025, 6, 15))
        self.assertEqual(days, [date(2025, 6, 14)])

    def test_empty_range(self):
        self.assertEqual(
            self.calendar._oa_working_days(date(2025, 6, 8), date(2025, 6, 1)), []
        )


@tagged("post_install", "-at_install")
class TestUsageMetrics(OaUsageCommon):
    def compute_week(self, units=None):
        return self.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1), units=units or self.unit_c, date_to=date(2025, 6, 7)
        )

    def test_month_a_and_b_hand_computed(self):
        self.week_of_visits()
        snapshot = self.compute_week()
        # A = (10 + 4 + 3) / (4 users × 5 working days); B = 2 regular / 4
        self.assertRecordValues(
            snapshot,
            [
                {
                    "unit_id": self.unit_c.id,
                    "period": "month",
                    "date": date(2025, 6, 1),
                    "date_to": date(2025, 6, 7),
                    "user_count": 4,
                    "working_days": 5,
                    "visit_count": 17,
                    "regular_user_count": 2,
                    "rate_a": 0.85,
                    "rate_b": 0.5,
                    "target_a": 1.0,
                    "target_b": 0.3,
                    "pass_a": False,
                    "pass_b": True,
                    "below_target": True,
                }
            ],
        )

    def test_regular_ratio_and_targets_configurable(self):
        self.week_of_visits()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("oa_assessment.regular_ratio", "1.0")
        params.set_param("oa_assessment.target_a", "0.8")
        params.set_param("oa_assessment.target_b", "0.2")
        snapshot = self.compute_week()
        # only u1 visited on every working day
        self.assertRecordValues(
            snapshot,
            [
                {
                    "regular_user_count": 1,
                    "rate_b": 0.25,
                    "pass_a": True,
                    "pass_b": True,
                    "below_target": False,
                }
            ],
        )

    def test_recompute_replaces(self):
        self.week_of_visits()
        first = self.compute_week()
        self.visit(self.c_users[3], "2025-06-05 09:00")
        second = self.compute_week()
        snapshots = self.env["oa.usage.snapshot"].search(
            [("unit_id", "=", self.unit_c.id), ("period", "=", "month")]
        )
        self.assertEqual(snapshots, second)
        self.assertFalse(first.exists())
        self.assertEqual(second.visit_count, 18)

    def test_days(self):
        self.week_of_visits()
        Snapshot = self.env["oa.usage.snapshot"]
        snapshots = Snapshot._oa_compute_days(
            date(2025, 6, 1), date(2025, 6, 7), units=self.unit_c
        )
        self.assertEqual(
            snapshots.mapped("date"), [date(2025, 6, d) for d in (3, 4, 5, 6, 7)]
        )
        by_day = {s.date.day: s for s in snapshots}
        # the 4th: u1 twice, u2 once, u3 at 00:30
        self.assertRecordValues(
            by_day[4], [{"visit_count": 4, "rate_a": 1.0, "rate_b": 0.75}]
        )
        self.assertRecordValues(
            by_day[7], [{"visit_count": 2, "rate_a": 0.5, "rate_b": 0.25}]
        )
        self.assertEqual(by_day[7].working_days, 1)

    def test_membership_change_keeps_history(self):
        self.week_of_visits()
        snapshot = self.compute_week()
        u1 = self.c_users[0]
        u1.oa_unit_id = self.unit_b
        # the nightly job computes yesterday and the current month only
        self.env["oa.usage.snapshot"]._cron_snapshot()
        self.assertRecordValues(
            snapshot, [{"user_count": 4, "visit_count": 17, "rate_a": 0.85}]
        )
        # past visits keep the unit of their time; new ones the new unit
        visits = self.env["oa.visit"].search([("user_id", "=", u1.id)])
        self.assertEqual(visits.unit_id, self.unit_c)
        self.env["oa.visit"]._oa_record(u1.id, "login")
        self.env.invalidate_all()
        latest = self.env["oa.visit"].search([("user_id", "=", u1.id)], limit=1)
        self.assertEqual(latest.unit_id, self.unit_b)
        # recomputed, the week still counts u1's visits for unit 丙
        recomputed = self.compute_week()
        self.assertEqual(recomputed.visit_count, 17)
        self.assertEqual(recomputed.user_count, 3)

    def test_cron_stores_day_and_month(self):
        self.week_of_visits()
        # 02:00 UTC is 10:00 on Friday the 6th in Beijing
        with freeze_time("2025-06-06 02:00:00"):
            self.env["oa.usage.snapshot"].with_context(tz="UTC")._cron_snapshot()
        snapshots = self.env["oa.usage.snapshot"].search(
            [("unit_id", "=", self.unit_c.id)]
        )
        self.assertEqual(
            sorted((s.period, s.date) for s in snapshots),
            [("day", date(2025, 6, 5)), ("month", date(2025, 6, 1))],
        )
        month = snapshots.filtered(lambda s: s.period == "month")
        # the month so far includes today: 3rd to 6th, u1 8, u2 4, u3 3
        # visits; 4 users × 4 days
        self.assertRecordValues(
            month,
            [{"date_to": date(2025, 6, 6), "working_days": 4, "visit_count": 15}],
        )
        self.assertAlmostEqual(month.rate_a, 15 / 16)
        # u1 and u2 visited on all 4 days, u3 on 3 (75 %)
        self.assertAlmostEqual(month.rate_b, 0.5)

    def test_no_user_no_division_by_zero(self):
        empty = self.env["hr.department"].create({"name": "空单位", "is_oa_unit": True})
        snapshot = self.compute_week(units=empty)
        self.assertRecordValues(
            snapshot, [{"user_count": 0, "rate_a": 0.0, "rate_b": 0.0}]
        )

    def test_one_query_over_the_visits(self):
        """The visits are read by one SQL aggregate, however many users."""
        self.week_of_visits()
        Snapshot = self.env["oa.usage.snapshot"]
        cr = self.env.cr
        original = type(cr).execute
        seen = []

        def spy(self_cr, query, params=None, log_exceptions=True):
            seen.append(str(query))
            return original(self_cr, query, params, log_exceptions)

        def run():
            seen.clear()
            self.env.flush_all()
            self.env.invalidate_all()
            with patch.object(type(cr), "execute", spy):
                Snapshot._oa_aggregate(date(2025, 6, 1), date(2025, 6, 7), self.unit_c)
            return list(seen)

        run()  # parameters and calendar cached
        few = run()
        for n in range(20):
            self.visit(self.c_users[n % 4], f"2025-06-06 1{n % 10}:0{n % 6}")
        many = run()
        self.assertEqual(len([q for q in many if "oa_visit" in q]), 1)
        self.assertEqual(len(few), len(many))
