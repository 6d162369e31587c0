# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import OaAssessmentCommon


@tagged("post_install", "-at_install")
class TestFinesAndNotices(OaAssessmentCommon):
    """Issue 18: a person's fines of a month stay within his role's range
    (notice 三), every fine names its person, the unit's notice shows the
    amounts it carries out, and a commendation needs good results."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules("team", "document_delay", "column_fresh", "commendation")
        # every fine rule fines both roles here
        cls.rule("column_fresh").sudo().amount_leader = 500.0

    def found_everywhere(self):
        """The three fine rules each find unit A (complete team)."""
        RuleClass = type(self.env["oa.assessment.rule"])

        def finding(code):
            def method(rule, units, month):
                return [
                    {"unit": u, "evidence": f"{code} finding", "records": u}
                    for u in units
                    if u == self.unit_a
                ]

            return method

        return [
            patch.object(RuleClass, f"_rule_{code}", finding(code), create=True)
            for code in ("team", "document_delay", "column_fresh")
        ]

    def assess_found(self):
        patches = self.found_everywhere()
        for p in patches:
            p.start()
        try:
            return self.of_unit(self.assess(self.unit_a), self.unit_a)
        finally:
            for p in patches:
                p.stop()

    def totals(self, assessment):
        totals = {}
        for line in assessment.sudo().line_ids.filtered(lambda x: x.kind == "fine"):
            totals[line.user_id] = totals.get(line.user_id, 0.0) + line.amount
        return totals

    def test_fines_of_a_person_capped_by_role(self):
        unit_a = self.assess_found()
        self.assertEqual(unit_a.result, "fail")
        self.assertEqual(unit_a.finding_count, 3)
        totals = self.totals(unit_a)
        # proposed: 200 + 200 + 100 for each administrator, 750 + 750 + 500
        # for the leader; fined: the top of the notice's ranges
        self.assertEqual(
            totals, {self.admin_a1: 300.0, self.admin_a2: 300.0, self.leader_a: 1000.0}
        )
        self.assertEqual(unit_a.sudo().fine_total, 1600.0)
        # every finding stays on each person's lines, and in his reasons
        leader_lines = unit_a.line_ids.filtered(lambda x: x.user_id == self.leader_a)
        self.assertEqual(len(leader_lines), 3)
        persons = unit_a._oa_notice_persons()
        leader = next(p for p in persons if p["user"] == self.leader_a)
        self.assertEqual(leader["amount"], 1000.0)
        self.assertEqual(len(leader["reasons"]), 3)
        # re-running keeps the cap
        unit_a = self.assess_found()
        self.assertEqual(self.totals(unit_a)[self.leader_a], 1000.0)

    def test_adjustments_stay_within_the_cap(self):
        unit_a = self.assess_found()
        lines = unit_a.line_ids.filtered(lambda x: x.user_id == self.admin_a1).sorted(
            "id"
        )
        project = self.project_user
        lines[0].with_user(project)._oa_adjust(300.0, "严重")
        lines[1].with_user(project)._oa_adjust(0.0, "已计入")
        # a third adjusted amount would take the month past 300
        with self.assertRaises(ValidationError):
            lines[2].with_user(project)._oa_adjust(100.0, "再罚")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.totals(unit_a)[self.admin_a1], 300.0)
        # lowering one gives room back to the others (proposed, not adjusted)
        lines[0].with_user(project)._oa_adjust(100.0, "从轻")
        self.assertEqual(self.totals(unit_a)[self.admin_a1], 200.0)
        self.assertEqual(lines[2].sudo().amount, 100.0)

    def test_every_fine_names_its_person(self):
        # unit B names no leader, its sub-unit nobody at all
        assessments = self.assess(self.units | self.unit_a_sub)
        lines = assessments.sudo().line_ids
        self.assertFalse(lines.filtered(lambda x: x.amount and not x.user_id))
        unit_b = self.of_unit(assessments, self.unit_b)
        unnamed = unit_b.line_ids.filtered(lambda x: x.key == "unnamed:leader")
        self.assertEqual(len(unnamed), 1)
        self.assertIn("names no leader in charge", unnamed.evidence)
        sub = self.of_unit(assessments, self.unit_a_sub)
        self.assertEqual(
            sorted(sub.line_ids.filtered(lambda x: "unnamed" in x.key).mapped("role")),
            ["admin", "leader"],
        )
        self.assertEqual(sub.result, "fail")
        # nobody to fine: no adjustment either
        with self.assertRaises(ValidationError):
            unnamed.with_user(self.project_user)._oa_adjust(500.0, "罚谁")

    def test_unit_notice_shows_amounts_and_reasons(self):
        assessments = self.assess()
        assessments.with_user(self.project_user).action_approve()
        unit_b = self.of_unit(assessments, self.unit_b)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.admin_b)
            ._render_qweb_html("oa_assessment.report_assessment_notice", unit_b.ids)[0]
            .decode()
        )
        self.assertIn("考核落实", html)
        self.assertIn("oa_admin_b", html)
        self.assertIn("200.00", html)
        self.assertIn(self.rule("team").name, html)
        self.assertNotIn("(未指定)", html)

    def test_commendation_needs_good_results(self):
        self.only_rules("team", "commendation")
        # no usage at all in the fixture: unit A (no finding) passes only
        self.rule("commendation").threshold = 2.5
        unit_a = self.of_unit(self.assess(), self.unit_a)
        self.assertEqual(unit_a.result, "pass")
        self.assertFalse(unit_a.line_ids)
        self.rule("commendation").threshold = 0.0
        self.assertEqual(self.of_unit(self.assess(), self.unit_a).result, "commend")


@tagged("post_install", "-at_install")
class TestDemoMonth(TransactionCase):
    """The demo's month shows both sides: failing units, passing ones and a
    commended one (its commendation approved, so in finance's export)."""

    def test_demo_month_is_realistic(self):
        it_unit = self.env.ref("oa_base.oa_unit_it_demo", raise_if_not_found=False)
        if not it_unit or not self.env["oa.assessment"].search_count([]):
            return  # installed without demo data
        # the month the demo assessed (last month in Beijing at install time:
        # not the UTC month, which differs in the evening of a month's end)
        assessed = self.env["oa.assessment"].search([("unit_id", "=", it_unit.id)])
        month = max(assessed.mapped("month"))
        month_rows = self.env["oa.assessment"].search([("month", "=", month)])
        results = month_rows.mapped("result")
        self.assertIn("fail", results)
        self.assertEqual(results.count("commend"), 1, results)
        self.assertGreaterEqual(results.count("pass") + results.count("commend"), 2)
        commended = month_rows.filtered(lambda a: a.result == "commend")
        self.assertEqual(commended.unit_id, it_unit)
        self.assertEqual(commended.state, "approved")
        self.assertGreater(commended.sudo().reward_total, 0.0)
