# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import tagged

from .common import MONTH, OaAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentRulesPlanUsage(OaAssessmentCommon):
    """The two rules reading the roll-out plan and the usage metrics, on
    hand-built facts (March 2025)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phase = cls.env["oa.rollout.phase"].create(
            {
                "name": "试运行",
                "date_start": date(2025, 2, 1),
                "date_end": date(2025, 5, 31),
            }
        )

    def findings(self, code, units=None):
        found = self.rule(code)._oa_findings(units or self.units, MONTH)
        return {f["unit"]: f for f in found}

    def task(self, unit, name, deadline, done=None):
        task = self.env["oa.rollout.task"].create(
            {
                "name": name,
                "phase_id": self.phase.id,
                "unit_id": unit.id,
                "user_id": self.admin_a1.id,
                "deadline_type": "fixed",
                "date_fixed": deadline,
            }
        )
        if done:
            # what action_done records on the day it is pressed
            task.write({"state": "done", "date_done": done})
        return task

    def test_plan_tasks(self):
        late_done = self.task(
            self.unit_a, "建立内部流程", date(2025, 3, 5), date(2025, 3, 12)
        )
        self.task(self.unit_a, "按期完成的任务", date(2025, 3, 10), date(2025, 3, 10))
        still_open = self.task(self.unit_a, "基础配置", date(2025, 2, 20))
        # due after the month: not late in March
        self.task(self.unit_a, "四月的任务", date(2025, 4, 10))
        # unit B: done late, but in February: February's finding, not March's
        self.task(self.unit_b, "二月任务", date(2025, 2, 5), date(2025, 2, 10))
        found = self.findings("plan_tasks")
        self.assertNotIn(self.unit_b, found)
        finding = found[self.unit_a]
        self.assertEqual(finding["records"], late_done | still_open)
        self.assertIn("2 roll-out plan task(s)", finding["evidence"])
        self.assertIn("“建立内部流程”", finding["evidence"])
        self.assertIn("still open", finding["evidence"])
        self.assertNotIn("按期完成", finding["evidence"])
        self.rule("plan_tasks").threshold = 2
        self.assertFalse(self.findings("plan_tasks"))

    def test_usage(self):
        Visit = self.env["oa.visit"]
        # every registered user of unit A visits twice on every working day
        calendar = self.env.company.resource_calendar_id
        days = calendar._oa_working_days(date(2025, 3, 1), date(2025, 3, 31))
        self.assertTrue(days)
        members = self.env["res.users"].search(
            [("oa_unit_id", "=", self.unit_a.id), ("share", "=", False)]
        )
        self.assertTrue(members)
        Visit.create(
            [
                {
                    "user_id": user.id,
                    "unit_id": self.unit_a.id,
                    "datetime": datetime.combine(day, datetime.min.time()).replace(
                        hour=h
                    ),
                    "kind": "login",
                }
                for user in members
                for day in days
                for h in (2, 6)
            ]
        )
        found = self.findings("usage")
        self.assertNotIn(self.unit_a, found)
        finding = found[self.unit_b]  # nobody of unit B came
        self.assertIn("A = 0.00", finding["evidence"])
        self.assertIn("B = 0%", finding["evidence"])
        self.assertEqual(finding["records"].unit_id, self.unit_b)
        self.assertEqual(finding["records"].period, "month")
