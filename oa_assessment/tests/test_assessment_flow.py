# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MONTH, OaAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentFlow(OaAssessmentCommon):
    """Run, adjust with a reason, approve (number, to-dos, public
    criticism), and re-run: approved results never change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # unit A passes (its team is complete), unit B fails (one
        # administrator, no leader)
        cls.only_rules("team", "commendation")

    def line(self, assessment, role, user=None):
        lines = assessment.line_ids.filtered(
            lambda x: x.role == role and (user is None or x.user_id == user)
        )
        self.assertEqual(len(lines), 1)
        return lines

    def test_run_creates_one_assessment_per_unit_and_month(self):
        assessments = self.assess()
        self.assertEqual(assessments.unit_id, self.units)
        self.assertEqual(set(assessments.mapped("month")), {MONTH})
        self.assertEqual(set(assessments.mapped("state")), {"draft"})
        unit_b = self.of_unit(assessments, self.unit_b)
        self.assertEqual(unit_b.name, "2025-03 测试单位乙")
        # the team finding, and "no leader in charge" (nobody to fine)
        self.assertEqual(unit_b.finding_count, 2)
        self.assertEqual(unit_b.sudo().fine_total, 200.0)
        self.assertEqual(
            self.of_unit(assessments, self.unit_a).sudo().reward_total, 900.0
        )

    def test_rerun_updates_drafts_and_never_duplicates(self):
        first = self.assess()
        unit_b = self.of_unit(first, self.unit_b)
        admin_line = self.line(unit_b, "admin")
        admin_line.with_user(self.project_user)._oa_adjust(150.0, "首次发现,从轻")
        again = self.assess()
        self.assertEqual(again, first)
        self.assertEqual(
            self.Assessment.search_count(
                [("month", "=", MONTH), ("unit_id", "in", self.units.ids)]
            ),
            2,
        )
        # same finding, same line; the adjusted amount is kept
        self.assertEqual(self.line(unit_b, "admin"), admin_line)
        self.assertEqual(admin_line.amount, 150.0)
        self.assertEqual(admin_line.amount_proposed, 200.0)
        # the unit names a second administrator: the team finding changes
        second = self.env["res.users"].create(
            {"name": "乙管理员二", "login": "oa_admin_b2", "oa_unit_id": self.unit_b.id}
        )
        self.unit_b.oa_admin_ids = self.admin_b | second
        self.assess()
        self.assertIn("no leader in charge", admin_line.evidence)
        self.assertNotIn("administrator(s)", admin_line.evidence)
        self.assertEqual(len(unit_b.line_ids.filtered(lambda x: x.role == "admin")), 2)
        # a new rule's amount is proposed to the new administrator
        self.assertEqual(self.line(unit_b, "admin", second).amount, 200.0)
        # once the team is complete, the findings go and a commendation comes
        self.unit_b.oa_leader_id = self.staff_b
        self.assess()
        self.assertEqual(set(unit_b.line_ids.mapped("kind")), {"reward"})
        self.assertEqual(unit_b.result, "commend")

    def test_approve(self):
        assessments = self.assess()
        unit_a = self.of_unit(assessments, self.unit_a)
        unit_b = self.of_unit(assessments, self.unit_b)
        assessments.with_user(self.project_user).action_approve()
        self.assertRecordValues(
            assessments.sorted(lambda a: a.unit_id.name),
            [
                {"state": "approved", "approved_by_id": self.project_user.id},
                {"state": "approved", "approved_by_id": self.project_user.id},
            ],
        )
        year = date.today().year
        for rec in assessments:
            self.assertRegex(rec.number, rf"^考核〔{year}〕\d+号$")
        numbers = [int(re.search(r"〕(\d+)号", r.number).group(1)) for r in assessments]
        self.assertEqual(abs(numbers[0] - numbers[1]), 1)
        # the to-dos of the unit's administrators and leader (their 待办)
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "oa.assessment"), ("res_id", "=", unit_a.id)]
        )
        self.assertEqual(todo.user_id, self.admin_a1 | self.admin_a2 | self.leader_a)
        self.assertIn(unit_a.number, todo[0].summary)
        # on their workbench (待办), with the notice number
        for user in (self.admin_a1, self.leader_a):
            items = self.env["oa.workbench"].with_user(user).get_data()["todo"]["items"]
            mine = [i for i in items if i["res_model"] == "oa.assessment"]
            self.assertEqual([i["res_id"] for i in mine], unit_a.ids, user.login)
            self.assertIn(unit_a.number, mine[0]["summary"])
            # and he may open it
            self.assertTrue(unit_a.with_user(user).read(["number"]))
        todo_b = self.env["mail.activity"].search(
            [("res_model", "=", "oa.assessment"), ("res_id", "=", unit_b.id)]
        )
        self.assertEqual(todo_b.user_id, self.admin_b)
        # only the failing unit is criticised
        criticism = unit_b.criticism_id
        self.assertTrue(criticism)
        self.assertFalse(unit_a.criticism_id)
        self.assertEqual(criticism.unit_ids, self.unit_b)
        self.assertEqual(criticism.month, MONTH)
        self.assertRegex(criticism.number, rf"^通报〔{year}〕\d+号$")
        self.assertIn("测试单位乙", criticism.summary)
        self.assertIn(unit_b.number, unit_b.message_ids[0].body)

    def test_approved_never_changes(self):
        assessments = self.assess()
        unit_b = self.of_unit(assessments, self.unit_b)
        unit_b.with_user(self.project_user).action_approve()
        before = unit_b.line_ids.read(["key", "evidence", "amount", "user_id"])
        number = unit_b.number
        # the facts change, the month is re-run: the approved result stays
        self.unit_b.oa_leader_id = self.staff_b
        again = self.assess()
        self.assertIn(unit_b, again)
        self.assertEqual(
            unit_b.line_ids.read(["key", "evidence", "amount", "user_id"]), before
        )
        self.assertEqual(unit_b.number, number)
        with self.assertRaises(UserError):
            unit_b.with_user(self.project_user).action_approve()
        line = unit_b.line_ids[0]
        with self.assertRaises(UserError):
            line.with_user(self.project_user)._oa_adjust(100.0, "迟到的调整")
        with self.assertRaises(UserError):
            unit_b.with_user(self.project_user).unlink()
        with self.assertRaises(UserError):
            unit_b.with_user(self.project_user).review_note = "改"
        # a second approval of the month extends the same criticism list
        other = self.Assessment.sudo().create(
            {"unit_id": self.unit_a_sub.id, "month": MONTH}
        )
        self.env["oa.assessment.line"]._oa_sync(
            other,
            [
                (
                    self.rule("team"),
                    {
                        "unit": self.unit_a_sub,
                        "evidence": "无人",
                        "records": self.unit_a_sub,
                    },
                )
            ],
        )
        other.with_user(self.project_user).action_approve()
        self.assertEqual(other.criticism_id, unit_b.criticism_id)
        self.assertEqual(unit_b.criticism_id.unit_ids, self.unit_b | self.unit_a_sub)

    def test_adjust_needs_a_reason(self):
        unit_b = self.of_unit(self.assess(), self.unit_b)
        line = self.line(unit_b, "admin")
        wizard_action = line.with_user(self.project_user).action_adjust()
        self.assertEqual(wizard_action["res_model"], "oa.assessment.adjust.wizard")
        Wizard = self.env["oa.assessment.adjust.wizard"].with_user(self.project_user)
        with self.assertRaises(ValidationError):
            Wizard.create(
                {"line_id": line.id, "amount": 120.0, "reason": "  "}
            ).action_confirm()
        with self.assertRaises(ValidationError):  # outside the notice's 100–300
            line.with_user(self.project_user)._oa_adjust(50.0, "太少")
        with self.assertRaises(ValidationError):
            line.with_user(self.project_user)._oa_adjust(-1.0, "负数")
        self.assertEqual(line.amount, 200.0)
        with Form(Wizard.with_context(default_line_id=line.id)) as form:
            self.assertEqual(form.amount_current, 200.0)
            form.amount = 120.0
            form.reason = "首次发现,已整改"
        form.record.action_confirm()
        self.assertRecordValues(line, [{"amount": 120.0, "adjusted": True}])
        self.assertRecordValues(
            line.adjustment_ids,
            [
                {
                    "amount_before": 200.0,
                    "amount_after": 120.0,
                    "reason": "首次发现,已整改",
                    "user_id": self.project_user.id,
                }
            ],
        )
        message = unit_b.message_ids[0]
        self.assertIn("首次发现,已整改", message.body)
        self.assertEqual(message.author_id, self.project_user.partner_id)
        # 0: the finding stays, nobody is fined
        line.with_user(self.project_user)._oa_adjust(0.0, "免予处罚")
        self.assertEqual(line.amount, 0.0)
        self.assertEqual(unit_b.result, "fail")

    def test_run_wizard_and_cron(self):
        wizard = (
            self.env["oa.assessment.run.wizard"]
            .with_user(self.project_user)
            .create({"month": date(2025, 3, 17), "unit_ids": [(6, 0, self.unit_b.ids)]})
        )
        action = wizard.action_run()
        found = self.Assessment.search(action["domain"])
        self.assertEqual(found.unit_id, self.unit_b)
        self.assertEqual(found.month, MONTH)
        with self.assertRaises(AccessError):
            self.env["oa.assessment.run.wizard"].with_user(self.admin_a1).create(
                {"month": MONTH}
            )
        # a department that is no OA unit is not assessed
        plain = self.env["hr.department"].create({"name": "普通部门"})
        wizard = (
            self.env["oa.assessment.run.wizard"]
            .with_user(self.project_user)
            .create({"month": MONTH, "unit_ids": [(6, 0, plain.ids)]})
        )
        with self.assertRaises(UserError):
            wizard.action_run()
        self.assertFalse(self.Assessment.search([("unit_id", "=", plain.id)]))
        # the scheduled action assesses the previous month of every unit
        self.Assessment._cron_assess_previous_month()
        previous = self.Assessment.search([("unit_id", "=", self.unit_a.id)]).filtered(
            lambda a: a.month != MONTH
        )
        self.assertEqual(len(previous), 1)
        self.assertEqual(previous.month.day, 1)
        self.assertLess(previous.month, date.today())
