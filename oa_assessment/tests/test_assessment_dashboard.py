# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import users, warmup

from .common import MONTH, OaAssessmentCommon


class TestAssessmentDashboard(OaAssessmentCommon):
    """The dashboard shows, unit by unit, the figures the month's assessment
    judges: the same counts as the rules, computed in one call with the
    user's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules(
            "document_delay", "column_fresh", "training_rate", "plan_tasks", "usage"
        )
        phase = cls.env["oa.rollout.phase"].create(
            {
                "name": "试运行",
                "date_start": date(2025, 2, 1),
                "date_end": date(2025, 5, 31),
            }
        )

        def task(unit, name, deadline, done=None):
            new = cls.env["oa.rollout.task"].create(
                {
                    "name": name,
                    "phase_id": phase.id,
                    "unit_id": unit.id,
                    "user_id": cls.admin_a1.id,
                    "deadline_type": "fixed",
                    "date_fixed": deadline,
                }
            )
            if done:
                new.write({"state": "done", "date_done": done})
            return new

        # unit A: one task done late in March, one still open; B: on time
        cls.late_tasks = task(
            cls.unit_a, "建立内部流程", date(2025, 3, 5), date(2025, 3, 12)
        ) | task(cls.unit_a, "基础配置", date(2025, 2, 20))
        task(cls.unit_b, "按期完成", date(2025, 3, 10), date(2025, 3, 10))
        # unit B: two document steps late in March, one on time
        doc = cls.make_document(cls.unit_b, "乙单位迟办公文")
        cls.make_step(doc, cls.unit_b, datetime(2025, 3, 3, 2), datetime(2025, 3, 4))
        cls.make_step(doc, cls.unit_b, datetime(2025, 3, 10, 2), state="pending")
        cls.make_step(
            cls.make_document(cls.unit_b, "乙单位按时公文"),
            cls.unit_b,
            datetime(2025, 3, 12, 2),
            datetime(2025, 3, 12, 1),
        )
        cls.late_document = doc
        # unit A's columns are fresh, unit B's are not
        cls.publish_all(cls.unit_a)
        # training: A at 100 %, B at 50 % on the month's last snapshot
        cls.rate(cls.unit_a, date(2025, 3, 31), 4, 4)
        cls.rate(cls.unit_b, date(2025, 3, 10), 4, 4)
        cls.rate_b = cls.rate(cls.unit_b, date(2025, 3, 31), 4, 2)
        cls.assessments = cls.Assessment.sudo()._oa_assess_month(MONTH, cls.units)

    def data(self, user, month="2025-03"):
        return self.env["oa.assessment.dashboard"].with_user(user).get_data(month)

    def rows(self, data):
        return {row["id"]: row for row in data["rows"]}

    def finding(self, unit, code):
        lines = self.of_unit(self.assessments, unit).line_ids.filtered(
            lambda line: line.rule_id.code == code
        )
        return lines[:1]

    def test_rows_are_the_assessment_figures(self):
        data = self.data(self.project_user)
        self.assertEqual(data["month"], "2025-03")
        self.assertTrue(data["amounts"])
        rows = self.rows(data)
        row_a, row_b = rows[self.unit_a.id], rows[self.unit_b.id]
        # roll-out tasks: the plan rule's records
        line = self.finding(self.unit_a, "plan_tasks")
        self.assertEqual(set(json.loads(line.evidence_ids)), set(self.late_tasks.ids))
        self.assertEqual(row_a["tasks_late"], 2)
        self.assertEqual(set(row_a["task_ids"]), set(self.late_tasks.ids))
        self.assertEqual(row_b["tasks_late"], 0)
        self.assertFalse(self.finding(self.unit_b, "plan_tasks"))
        # document steps: the late ones of the document rule
        self.assertEqual(row_b["documents_late"], 2)
        self.assertEqual(row_b["document_ids"], self.late_document.ids)
        line = self.finding(self.unit_b, "document_delay")
        self.assertIn("2 document step(s)", line.evidence)
        self.assertEqual(json.loads(line.evidence_ids), self.late_document.ids)
        self.assertEqual(row_a["documents_late"], 0)
        # columns: B's three are stale, as the rule found
        self.assertEqual((row_a["columns_stale"], row_a["columns"]), (0, 3))
        self.assertEqual((row_b["columns_stale"], row_b["columns"]), (3, 3))
        line = self.finding(self.unit_b, "column_fresh")
        self.assertEqual(set(row_b["column_ids"]), set(json.loads(line.evidence_ids)))
        self.assertFalse(self.finding(self.unit_a, "column_fresh"))
        self.assertEqual(row_a["last_publication"], "2025-03-20")
        # training: the month's last snapshot
        self.assertEqual(row_b["training"], 50.0)
        self.assertFalse(row_b["training_ok"])
        self.assertEqual(row_b["training_id"], self.rate_b.id)
        self.assertEqual(
            json.loads(self.finding(self.unit_b, "training_rate").evidence_ids),
            self.rate_b.ids,
        )
        self.assertEqual((row_a["training"], row_a["training_ok"]), (100.0, True))
        # A and B: the snapshots the usage rule stored
        snapshots = self.env["oa.usage.snapshot"].search(
            [("period", "=", "month"), ("date", "=", MONTH)]
        )
        for unit, row in ((self.unit_a, row_a), (self.unit_b, row_b)):
            snap = snapshots.filtered(lambda s, unit=unit: s.unit_id == unit)
            self.assertEqual(row["usage_ids"], snap.ids)
            self.assertAlmostEqual(row["a"], snap.rate_a)
            self.assertAlmostEqual(row["b"], snap.rate_b)
            self.assertEqual((row["a_ok"], row["b_ok"]), (snap.pass_a, snap.pass_b))
            self.assertEqual(row["users"], snap.user_count)
            # the trend's last month is the month shown
            self.assertAlmostEqual(data["trend"]["series"][unit.id]["a"][-1], row["a"])
        self.assertEqual(len(data["trend"]["months"]), 12)
        self.assertEqual(data["trend"]["months"][-1], "2025-03")
        self.assertIsNone(data["trend"]["series"][self.unit_a.id]["a"][0])
        # fines and commendations: the assessment's totals
        for unit, row in ((self.unit_a, row_a), (self.unit_b, row_b)):
            assessment = self.of_unit(self.assessments, unit)
            self.assertEqual(row["assessment_id"], assessment.id)
            self.assertEqual(row["result"], assessment.result)
            self.assertEqual(row["findings"], assessment.finding_count)
            self.assertEqual(row["fines"], assessment.fine_total)
            self.assertEqual(row["rewards"], assessment.reward_total)
        self.assertEqual(row_b["result"], "fail")
        self.assertGreater(row_b["fines"], 0)

    def test_unit_admin_sees_his_units_only(self):
        data = self.data(self.admin_b)
        self.assertEqual([row["id"] for row in data["rows"]], self.unit_b.ids)
        self.assertEqual(list(data["trend"]["series"]), self.unit_b.ids)
        row = data["rows"][0]
        # his figures, as the project group sees them
        self.assertEqual(row["documents_late"], 2)
        self.assertEqual(row["training"], 50.0)
        # no amounts for him, and the assessment only once approved
        self.assertFalse(data["amounts"])
        self.assertIsNone(row["fines"])
        self.assertFalse(row["assessment_id"])
        self.of_unit(self.assessments, self.unit_b).with_user(
            self.project_user
        ).action_approve()
        row = self.data(self.admin_b)["rows"][0]
        self.assertEqual(
            row["assessment_id"], self.of_unit(self.assessments, self.unit_b).id
        )
        self.assertEqual(row["result"], "fail")
        self.assertIsNone(row["fines"])
        # unit A's administrators see A and its sub-unit when it is an OA unit
        ids = [row["id"] for row in self.data(self.admin_a1)["rows"]]
        self.assertIn(self.unit_a.id, ids)
        self.assertNotIn(self.unit_b.id, ids)
        # plain users have no dashboard
        with self.assertRaises(AccessError):
            self.data(self.staff_a)

    def test_month_is_beijing_month(self):
        # 31 March 17:00 UTC is already 1 April in Beijing
        with freeze_time("2025-03-31 17:00:00"):
            data = self.data(self.project_user, month=False)
        self.assertEqual(data["month"], "2025-04")
        self.assertTrue(data["is_current"])
        self.assertEqual(data["months"][0], "2025-04")
        self.assertEqual(len(data["months"]), 12)
        with freeze_time("2025-03-31 15:00:00"):
            data = self.data(self.project_user, month=False)
        self.assertEqual(data["month"], "2025-03")

    def test_month_without_snapshot_is_computed(self):
        """A month whose snapshots are not stored yet: A and B from the
        visits, as the usage rule would compute them."""
        self.env["oa.usage.snapshot"].search([("date", "=", MONTH)]).sudo().unlink()
        rows = self.rows(self.data(self.project_user))
        live = (
            self.env["oa.usage.snapshot"]
            .sudo()
            ._oa_aggregate(MONTH, date(2025, 3, 31), self.units)
        )
        for unit in self.units:
            self.assertAlmostEqual(rows[unit.id]["a"], live[unit.id]["rate_a"])
            self.assertEqual(rows[unit.id]["usage_ids"], [])

    @users("oa_project")
    @warmup
    def test_query_count(self):
        """One call, a fixed number of queries whatever the number of units
        (the receipts' late steps: one more)."""
        Dashboard = self.env["oa.assessment.dashboard"]
        with self.assertQueryCount(oa_project=24):
            Dashboard.get_data("2025-03")
        # more units, each with its late task, late step and assessment
        units = (
            self.env["hr.department"]
            .sudo()
            .create([{"name": f"加测单位{n}", "is_oa_unit": True} for n in range(3)])
        )
        for unit in units:
            # a step the unit acts in (a document of unit B)
            self.make_step(
                self.make_document(self.unit_b, f"{unit.name}会签公文"),
                unit,
                datetime(2025, 3, 3, 2),
                datetime(2025, 3, 4),
            )
            self.rate(unit, date(2025, 3, 31), 4, 1)
        self.Assessment.sudo()._oa_assess_month(MONTH, units)
        self.env.invalidate_all()
        with self.assertQueryCount(oa_project=24):
            data = Dashboard.get_data("2025-03")
        rows = self.rows(data)
        self.assertEqual([rows[u.id]["documents_late"] for u in units], [1, 1, 1])
