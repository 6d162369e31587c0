# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MONTH, OaAssessmentCommon

AMOUNTS = ["fine_total", "reward_total"]
LINE_AMOUNTS = ["amount", "amount_proposed"]


@tagged("post_install", "-at_install")
class TestAssessmentAccess(OaAssessmentCommon):
    """Who reads which results and amounts, and that no role forges what
    only the flow writes (state, number, amounts), over RPC-like calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules("team", "commendation")
        assessments = cls.Assessment._oa_assess_month(MONTH, cls.units)
        cls.result_a = assessments.filtered(lambda a: a.unit_id == cls.unit_a)
        cls.result_b = assessments.filtered(lambda a: a.unit_id == cls.unit_b)
        cls.result_a.with_user(cls.project_user).action_approve()
        cls.line_a = cls.result_a.line_ids[0]
        cls.line_b = cls.result_b.line_ids[0]

    def visible(self, user, model="oa.assessment"):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env[model].with_user(user).search([("month", "=", MONTH)])

    def test_who_sees_which_results(self):
        both = self.result_a | self.result_b
        self.assertEqual(self.visible(self.project_user) & both, both)
        # finance: the approved results, all units
        self.assertEqual(self.visible(self.finance) & both, self.result_a)
        # unit A's administrators and leader: their approved result only
        for user in (self.admin_a1, self.admin_a2, self.leader_a):
            self.assertEqual(self.visible(user), self.result_a, user.login)
            self.assertEqual(
                self.visible(user, "oa.assessment.line"), self.result_a.line_ids
            )
        # another unit's administrator, a plain user of the unit
        for user in (self.admin_b, self.staff_a, self.clerk_a):
            self.assertFalse(self.visible(user), user.login)
            self.assertFalse(self.visible(user, "oa.assessment.line"), user.login)
            with (
                self.assertRaises(AccessError),
                mute_logger("odoo.addons.base.models.ir_rule"),
            ):
                self.result_a.with_user(user).read(["name"])
        # a draft is the project group's only, even for the unit itself
        self.result_b.sudo().unit_id.oa_leader_id = self.leader_a
        self.assertNotIn(self.result_b, self.visible(self.leader_a))

    def test_amounts_only_for_finance_and_project_group(self):
        for user in (self.admin_a1, self.leader_a):
            result = self.result_a.with_user(user)
            self.assertTrue(result.read(["name", "number", "result"]))
            for fields in (AMOUNTS, ["fine_total"], ["reward_total"]):
                with self.assertRaises(AccessError):
                    result.read(fields)
                with self.assertRaises(AccessError):
                    self.Assessment.with_user(user).search_read(
                        [("id", "=", result.id)], fields
                    )
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).search([("reward_total", ">", 0)])
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).read_group(
                    [], ["reward_total:sum"], ["unit_id"]
                )
            line = self.line_a.with_user(user)
            self.assertTrue(line.read(["evidence", "user_id", "role"]))
            for name in LINE_AMOUNTS + ["adjustment_ids"]:
                with self.assertRaises(AccessError):
                    line.read([name])
            with self.assertRaises(AccessError):
                self.env["oa.assessment.line"].with_user(user).search_read(
                    [("assessment_id", "=", result.id)], ["amount"]
                )
            with self.assertRaises(AccessError):
                self.env["oa.assessment.adjustment"].with_user(user).search([])
            # nor through the rules' configured amounts
            with self.assertRaises(AccessError):
                self.rule("team").with_user(user).read(["amount_admin"])
            # the notice names the commendation with its amount: the unit
            # carries it out (the amount fields stay unreadable elsewhere)
            html = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html(
                    "oa_assessment.report_assessment_notice", self.result_a.ids
                )[0]
                .decode()
            )
            self.assertIn("嘉奖", html)
            self.assertIn("200.00", html)
        for user in (self.finance, self.project_user):
            values = self.result_a.with_user(user).read(AMOUNTS)[0]
            self.assertEqual(values["reward_total"], 900.0)
            self.assertEqual(
                self.line_a.with_user(user).read(["amount"])[0]["amount"],
                self.line_a.sudo().amount,
            )
            html = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html(
                    "oa_assessment.report_assessment_notice", self.result_a.ids
                )[0]
                .decode()
            )
            self.assertIn("200.00", html)

    def test_nobody_forges_the_flow(self):
        forged = {
            "state": "approved",
            "number": "考核〔2025〕999号",
            "date_approved": "2025-04-01 00:00:00",
            "approved_by_id": self.project_user.id,
            "criticism_id": False,
            "month": "2025-04-01",
            "unit_id": self.unit_b.id,
        }
        for field, value in forged.items():
            for user in (self.project_user, self.admin_b, self.finance):
                with self.assertRaises(UserError, msg=f"{user.login} {field}"):
                    self.result_b.with_user(user).write({field: value})
                    self.env.flush_all()
        # even with a context key (RPC sends those too)
        with self.assertRaises(UserError):
            self.result_b.with_user(self.project_user).with_context(
                tracking_disable=True, install_mode=True
            ).write({"state": "approved"})
        for field, value in {
            "amount": 1.0,
            "amount_proposed": 1.0,
            "adjusted": True,
            "evidence": "x",
            "user_id": self.staff_b.id,
            "kind": "reward",
        }.items():
            with self.assertRaises(UserError, msg=field):
                self.line_b.with_user(self.project_user).write({field: value})
            with self.assertRaises(UserError, msg=field):
                self.line_b.with_user(self.admin_b).write({field: value})
        with self.assertRaises(UserError):
            self.Assessment.with_user(self.project_user).create(
                {"unit_id": self.unit_b.id, "month": "2025-05-01", "state": "approved"}
            )
        with self.assertRaises(UserError):
            self.env["oa.assessment.line"].with_user(self.project_user).create(
                {
                    "assessment_id": self.result_b.id,
                    "rule_id": self.rule("team").id,
                    "kind": "reward",
                    "role": "admin",
                    "amount": 10000.0,
                }
            )
        with self.assertRaises(UserError):
            self.env["oa.assessment.adjustment"].with_user(self.project_user).create(
                {
                    "line_id": self.line_b.id,
                    "reason": "伪造",
                    "user_id": self.project_user.id,
                }
            )
        with self.assertRaises(UserError):
            self.line_b.with_user(self.project_user).unlink()
        criticism = (
            self.env["oa.assessment.criticism"].sudo().create({"month": "2025-06-01"})
        )
        with self.assertRaises(UserError):
            criticism.with_user(self.project_user).write({"number": "通报〔2025〕9号"})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.result_b.state, "draft")
        self.assertFalse(self.result_b.number)
        self.assertEqual(self.line_b.sudo().amount, self.line_b.sudo().amount_proposed)

    def test_only_project_group_approves_and_adjusts(self):
        for user in (self.admin_b, self.finance, self.leader_a, self.staff_b):
            with (
                self.assertRaises(AccessError, msg=user.login),
                mute_logger("odoo.addons.base.models.ir_rule"),
            ):
                self.result_b.with_user(user).action_approve()
            with (
                self.assertRaises(UserError, msg=user.login),
                mute_logger("odoo.addons.base.models.ir_rule"),
            ):
                self.line_b.with_user(user)._oa_adjust(150.0, "越权")
        self.assertEqual(self.result_b.state, "draft")
        # the review note: the project group only, while it reviews
        self.result_b.with_user(self.project_user).review_note = "核实中"
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.result_a.with_user(self.admin_a1).review_note = "自己改"

    def test_rules_configured_by_project_group_only(self):
        rule = self.rule("team")
        rule.with_user(self.project_user).write({"amount_admin": 300.0})
        with self.assertRaises(AccessError):
            rule.with_user(self.admin_a1).write({"severity": "minor"})
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):  # the notice's 500–1000
            rule.with_user(self.project_user).write({"amount_leader": 2000.0})
        self.assertTrue(rule.with_user(self.staff_a).read(["name", "description"]))

    def test_unit_screens_open_without_amounts(self):
        """What the web client loads for the unit's administrator: the views
        without the amount fields, and every field they show readable."""
        for user in (self.admin_a1, self.leader_a):
            Assessment = self.Assessment.with_user(user)
            views = Assessment.get_views([(False, "list"), (False, "form")])
            for model, spec in views["models"].items():
                self.assertFalse(
                    {"amount", "amount_proposed", "fine_total", "reward_total"}
                    & set(spec["fields"]),
                    model,
                )
            form_fields = views["models"]["oa.assessment"]["fields"]
            self.assertTrue(self.result_a.with_user(user).read(list(form_fields)))
            line_fields = views["models"]["oa.assessment.line"]["fields"]
            self.assertTrue(self.line_a.with_user(user).read(list(line_fields)))
        views = self.Assessment.with_user(self.finance).get_views([(False, "form")])
        self.assertIn("fine_total", views["models"]["oa.assessment"]["fields"])

    def test_criticism_list_public_and_flow_owned(self):
        self.result_b.with_user(self.project_user).action_approve()
        criticism = self.result_b.criticism_id
        # a public notice: every OA user reads it, without the assessments
        for user in (self.staff_a, self.admin_a1, self.finance):
            values = criticism.with_user(user).read(["number", "unit_ids", "summary"])
            self.assertEqual(values[0]["unit_ids"], self.unit_b.ids)
            self.assertIn("测试单位乙", values[0]["summary"])
        Criticism = self.env["oa.assessment.criticism"]
        for user in (self.project_user, self.admin_b, self.staff_a):
            with self.assertRaises(UserError, msg=user.login):
                Criticism.with_user(user).create({"month": "2025-07-01"})
            with self.assertRaises(UserError, msg=user.login):
                criticism.with_user(user).write({"unit_ids": [(5, 0, 0)]})
            with self.assertRaises(UserError, msg=user.login):
                criticism.with_user(user).unlink()
        self.assertEqual(criticism.unit_ids, self.unit_b)

    def test_rules_not_created_or_deleted_by_units(self):
        Rule = self.env["oa.assessment.rule"]
        with self.assertRaises(AccessError):
            Rule.with_user(self.admin_a1).create({"code": "x", "name": "x"})
        with self.assertRaises(AccessError):
            self.rule("team").with_user(self.project_user).unlink()
        rule = Rule.with_user(self.project_user).create(
            {"code": "rollout_task_overdue", "name": "推进任务按期完成"}
        )
        self.assertTrue(rule.active)
