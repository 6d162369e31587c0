# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's working schedule as installed: Beijing time, China's 2026
public holidays and make-up working days (data of the addon, not of the
test), the project group adding next year's, and the plan tasks whose
deadline cannot be determined."""

from datetime import date, datetime

import pytz

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONTH, OaAssessmentCommon

SHANGHAI = pytz.timezone("Asia/Shanghai")


def utc(year, month, day, hour=0, minute=0):
    """A Beijing wall-clock time as the naive UTC datetime Odoo stores."""
    local = SHANGHAI.localize(datetime(year, month, day, hour, minute))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestCalendarChina(OaAssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the installed schedule, not one built by the test
        cls.calendar = cls.env.company.resource_calendar_id
        cls.Calendar = cls.env["resource.calendar"]

    # ---- 1. Beijing time ----

    def test_company_calendar_in_beijing_time(self):
        self.assertEqual(self.calendar.tz, "Asia/Shanghai")
        self.assertEqual(
            self.env.ref("resource.resource_calendar_std").tz, "Asia/Shanghai"
        )
        # whoever asks: the company's time zone, not the user's
        brussels = self.env(context={"tz": "Europe/Brussels"})
        self.env.user.tz = "Europe/Brussels"
        self.assertEqual(
            brussels["resource.calendar"]._oa_company_tz().zone, "Asia/Shanghai"
        )
        # the assessment's month starts at 00:00 Beijing time
        start, stop = brussels["oa.assessment.rule"]._oa_month_bounds(date(2026, 6, 1))
        self.assertEqual(start, utc(2026, 6, 1))
        self.assertEqual(stop, utc(2026, 7, 1))

    def test_early_monday_visit_counts_on_monday(self):
        # Monday 8 June 2026, 05:30 in Beijing: Sunday 21:30 UTC (23:30 in
        # Brussels)
        self.env["oa.visit"].sudo().create(
            {
                "user_id": self.staff_a.id,
                "unit_id": self.unit_a.id,
                "datetime": utc(2026, 6, 8, 5, 30),
                "kind": "login",
            }
        )
        snapshot = self.env["oa.usage.snapshot"]._oa_compute_days(
            date(2026, 6, 8), date(2026, 6, 8), units=self.unit_a
        )
        self.assertRecordValues(
            snapshot, [{"date": date(2026, 6, 8), "visit_count": 1}]
        )

    # ---- 7b. China's public holidays and make-up working days ----

    def test_2026_holidays_and_makeup_days_are_data(self):
        for xmlid in ("hol_2026_spring", "workday_2026_02_14"):
            data = self.env["ir.model.data"].search(
                [("module", "=", "oa_assessment"), ("name", "=", xmlid)]
            )
            self.assertTrue(data.noupdate, xmlid)
        spring = self.env.ref("oa_assessment.hol_2026_spring")
        self.assertEqual(spring.calendar_id, self.calendar)
        self.assertFalse(spring.resource_id)

    def test_may_2026_holiday_and_makeup_day(self):
        # 劳动节 Friday 1 – Tuesday 5 May, Saturday 9 May worked (调休)
        self.assertEqual(
            self.calendar._oa_working_days(date(2026, 4, 30), date(2026, 5, 10)),
            [date(2026, 4, 30)] + [date(2026, 5, d) for d in (6, 7, 8, 9)],
        )
        # one week (5 working days) after Thursday 30 April: 6, 7, 8, 9
        # (Saturday, worked) and Monday 11 May
        self.assertEqual(
            self.calendar._oa_add_working_days(date(2026, 4, 30), 5),
            date(2026, 5, 11),
        )
        # a plan task's deadline follows it
        phase = self.env["oa.rollout.phase"].create(
            {
                "name": "五月阶段",
                "date_start": date(2026, 4, 30),
                "date_end": date(2026, 6, 30),
            }
        )
        task = self.env["oa.rollout.task"].create(
            {
                "name": "阶段开始后一周内完成",
                "phase_id": phase.id,
                "unit_id": self.unit_a.id,
                "deadline_type": "phase_start",
                "offset_days": 5,
            }
        )
        self.assertEqual(task.date_deadline, date(2026, 5, 11))

    def test_spring_festival_2026(self):
        # 春节 Sunday 15 – Monday 23 February; Saturdays 14 and 28 worked
        self.assertEqual(
            self.calendar._oa_working_days(date(2026, 2, 14), date(2026, 2, 28)),
            [date(2026, 2, d) for d in (14, 24, 25, 26, 27, 28)],
        )
        # 元旦 1–3 January, Sunday 4 January worked
        self.assertEqual(
            self.calendar._oa_working_days(date(2026, 1, 1), date(2026, 1, 5)),
            [date(2026, 1, 4), date(2026, 1, 5)],
        )

    def test_project_group_adds_next_year(self):
        Menu = self.env["ir.ui.menu"].with_user(self.project_user)
        visible = Menu._visible_menu_ids()
        for xmlid in (
            "oa_assessment.resource_calendar_leaves_menu_oa_holiday",
            "oa_assessment.oa_calendar_workday_menu",
        ):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        env = self.env(user=self.project_user)
        env["resource.calendar.leaves"].create(
            {
                "name": "2027年元旦",
                "calendar_id": self.calendar.id,
                "date_from": utc(2027, 1, 1),
                "date_to": utc(2027, 1, 1, 23, 59),
            }
        )
        env["oa.calendar.workday"].create(
            {
                "name": "2027年调休上班",
                "date": date(2027, 1, 2),
                "calendar_id": self.calendar.id,
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            self.calendar._oa_working_days(date(2027, 1, 1), date(2027, 1, 3)),
            [date(2027, 1, 2)],
        )
        # holidays and make-up days are the project group's: a user only
        # reads them
        with self.assertRaises(AccessError):
            self.env["oa.calendar.workday"].with_user(self.staff_a).create(
                {"name": "自行调休", "date": date(2027, 1, 3)}
            )
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.staff_a).create(
                {
                    "name": "自定节日",
                    "calendar_id": self.calendar.id,
                    "date_from": utc(2027, 1, 4),
                    "date_to": utc(2027, 1, 4, 23, 59),
                }
            )

    # ---- 15. A deadline counted from a training not finished ----

    def test_undetermined_deadline_is_a_finding(self):
        Phase = self.env["oa.rollout.phase"]
        begun = Phase.create(
            {
                "name": "基础应用设置",
                "date_start": date(2025, 2, 1),
                "date_end": date(2025, 5, 31),
            }
        )
        later = Phase.create(
            {
                "name": "试运行",
                "date_start": date(2025, 4, 1),
                "date_end": date(2025, 6, 30),
            }
        )
        Task = self.env["oa.rollout.task"]

        def task(phase, name, **vals):
            return Task.create(
                {
                    "name": name,
                    "phase_id": phase.id,
                    "unit_id": self.unit_b.id,
                    "user_id": self.admin_b.id,
                    "deadline_type": "admin_training",
                    "offset_days": 5,
                    **vals,
                }
            )

        pending = task(begun, "管理员培训后一周内完成系统基础应用设置")
        # its phase begins after March: not yet found
        task(later, "管理员培训后两周内组织试运行", offset_days=10)
        # counted from an event that took place, or closed
        task(begun, "阶段开始后一周内", deadline_type="phase_start")
        task(begun, "已取消的任务").action_cancel()
        self.assertFalse(pending.date_deadline)
        self.assertFalse(pending.is_late)
        rule = self.rule("plan_deadline_unknown")
        self.assertTrue(rule.active)
        found = {f["unit"]: f for f in rule._oa_findings(self.unit_b, MONTH)}
        finding = found[self.unit_b]
        self.assertEqual(finding["records"], pending)
        self.assertIn(
            "Training not finished, deadline undetermined", finding["evidence"]
        )
        self.assertIn("“管理员培训后一周内完成系统基础应用设置”", finding["evidence"])
        # and in the monthly assessment, with its fine
        self.only_rules("plan_deadline_unknown")
        assessment = self.of_unit(self.assess(self.unit_b), self.unit_b)
        self.assertTrue(assessment.line_ids)
        self.assertEqual(assessment.line_ids.rule_id, rule)
        self.assertIn(self.admin_b, assessment.line_ids.user_id)
        # in April the second phase has begun too
        found = rule._oa_findings(self.unit_b, date(2025, 4, 1))
        self.assertEqual(len(found[0]["records"]), 2)
        rule.threshold = 2
        self.assertFalse(rule._oa_findings(self.unit_b, date(2025, 4, 1)))
