# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MONTH, OaAssessmentCommon


@tagged("post_install", "-at_install")
class TestAssessmentRules(OaAssessmentCommon):
    """Each rule on hand-built facts: what it finds, its evidence and the
    records the evidence points at."""

    def findings(self, code, units=None):
        found = self.rule(code)._oa_findings(units or self.units, MONTH)
        return {f["unit"]: f for f in found}

    def test_team(self):
        found = self.findings("team", self.units | self.unit_a_sub)
        self.assertNotIn(self.unit_a, found)  # two administrators and a leader
        evidence = found[self.unit_b]["evidence"]
        self.assertIn("1 active system administrator(s)", evidence)
        self.assertIn("no leader in charge", evidence)
        self.assertEqual(found[self.unit_b]["records"], self.unit_b)
        self.assertIn("0 active", found[self.unit_a_sub]["evidence"])
        # an archived administrator does not count
        self.admin_a2.active = False
        self.assertIn(self.unit_a, self.findings("team"))

    def test_document_delay(self):
        late = self.make_document(self.unit_a, "关于春季安全检查的通知")
        self.make_step(
            late, self.unit_a, datetime(2025, 3, 10, 2), datetime(2025, 3, 11, 4)
        )
        on_time = self.make_document(self.unit_a, "按时办理的公文")
        self.make_step(
            on_time, self.unit_a, datetime(2025, 3, 12, 2), datetime(2025, 3, 12, 1)
        )
        still_open = self.make_document(self.unit_a, "仍未办理的公文")
        self.make_step(
            still_open, self.unit_a, datetime(2025, 3, 20, 2), state="pending"
        )
        # unit B: late, but in February: not this month's finding
        february = self.make_document(self.unit_b, "二月公文")
        self.make_step(
            february, self.unit_b, datetime(2025, 2, 10, 2), datetime(2025, 2, 12, 2)
        )
        found = self.findings("document_delay")
        self.assertNotIn(self.unit_b, found)
        finding = found[self.unit_a]
        self.assertIn("2 document step(s)", finding["evidence"])
        self.assertIn("《关于春季安全检查的通知》", finding["evidence"])
        self.assertIn("26.0 h late", finding["evidence"])
        self.assertIn("(still open)", finding["evidence"])
        self.assertNotIn("按时办理", finding["evidence"])
        self.assertEqual(finding["records"], late | still_open)
        # the tolerance
        self.rule("document_delay").threshold = 2
        self.assertFalse(self.findings("document_delay"))

    def test_receipt_unsigned_past_its_deadline(self):
        """The receiving unit's delays count too: a receipt left unsigned
        past its deadline (its 签收 step row) is a finding of the receiving
        unit, not of the sender."""
        doc = self.make_document(self.unit_a, "关于报送春季检查情况的通知")
        Incoming = self.env["oa.document.incoming"].sudo()
        # distributed on Monday 10 March 2025, 10:00 in Beijing: 签收 due at
        # the end of Tuesday; unit A signs for its copy at once
        with freeze_time(datetime(2025, 3, 10, 2)):
            unsigned, signed = Incoming._create_for_distribution(
                doc, [(self.unit_b, "main"), (self.unit_a, "copy")]
            )
            signed._oa_step_close(self.env.user)
        step = unsigned.oa_step_ids
        self.assertEqual(step.date_deadline, datetime(2025, 3, 11, 16))
        found = self.findings("document_delay")
        self.assertNotIn(self.unit_a, found)
        finding = found[self.unit_b]
        self.assertEqual(finding["records"], unsigned)
        self.assertIn("1 step(s) of received documents", finding["evidence"])
        self.assertIn("《关于报送春季检查情况的通知》", finding["evidence"])
        self.assertIn("(still open)", finding["evidence"])
        # signed for in time: nothing to find
        with freeze_time(datetime(2025, 3, 11, 8)):
            unsigned._oa_step_close(self.env.user)
        self.assertNotIn(self.unit_b, self.findings("document_delay"))

    def test_column_fresh(self):
        self.publish_all(self.unit_a)
        self.publish(self.unit_b, "news", datetime(2025, 3, 25))
        self.publish(self.unit_b, "notice", datetime(2025, 1, 5))
        # after the month: does not count for March
        self.publish(self.unit_b, "knowledge", datetime(2025, 4, 2))
        found = self.findings("column_fresh")
        self.assertNotIn(self.unit_a, found)
        finding = found[self.unit_b]
        self.assertEqual(
            set(finding["records"].mapped("kind")), {"notice", "knowledge"}
        )
        self.assertIn("(last publication", finding["evidence"])
        self.assertIn("(never published)", finding["evidence"])
        self.assertIn("30 days", finding["evidence"])
        self.rule("column_fresh").threshold = 90
        found = self.findings("column_fresh")
        self.assertEqual(found[self.unit_b]["records"].kind, "knowledge")

    def test_training_rate(self):
        self.rate(self.unit_a, date(2025, 3, 31), 10, 10)
        self.rate(self.unit_b, date(2025, 3, 10), 4, 4)
        last = self.rate(self.unit_b, date(2025, 3, 31), 4, 2, self.staff_b)
        found = self.findings("training_rate")
        self.assertNotIn(self.unit_a, found)
        finding = found[self.unit_b]
        self.assertIn("50.0%", finding["evidence"])
        self.assertIn("2 of 4", finding["evidence"])
        self.assertIn(self.staff_b.name, finding["evidence"])
        self.assertEqual(finding["records"], last)
        self.rule("training_rate").threshold = 50
        self.assertFalse(self.findings("training_rate"))

    def test_training_rate_without_snapshot_is_computed(self):
        found = self.findings("training_rate", self.unit_a)
        # nobody of the fixture passed a training
        self.assertIn("0.0%", found[self.unit_a]["evidence"])
        self.assertIn("no snapshot", found[self.unit_a]["evidence"])
        self.assertEqual(found[self.unit_a]["records"]._name, "res.users")

    def test_admin_training(self):
        Users = type(self.env["res.users"])
        real = Users._oa_training_admin_status

        def status(users):
            result = real(users)
            if self.admin_a1.id in result:
                result[self.admin_a1.id] = (True, "Yes")
            return result

        with patch.object(Users, "_oa_training_admin_status", status):
            found = self.rule("admin_training")._oa_findings(self.unit_a, MONTH)
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["admins"], self.admin_a2)
        self.assertIn(self.admin_a2.name, found[0]["evidence"])
        self.assertIn("Not enrolled", found[0]["evidence"])
        # without the patch: both are untrained, one finding each
        found = self.rule("admin_training")._oa_findings(self.unit_a, MONTH)
        self.assertEqual({f["admins"] for f in found}, {self.admin_a1, self.admin_a2})

    def test_findings_become_lines_with_persons_and_amounts(self):
        self.only_rules("team", "admin_training", "commendation")
        assessments = self.assess(self.units | self.unit_a_sub)
        sub = self.of_unit(assessments, self.unit_a_sub)
        # nobody named: the finding fines nobody, and the missing
        # administrator and leader are findings of their own
        self.assertFalse(sub.line_ids.user_id)
        self.assertFalse(any(sub.line_ids.sudo().mapped("amount")))
        self.assertEqual(
            sorted(sub.line_ids.filtered(lambda x: "unnamed" in x.key).mapped("role")),
            ["admin", "leader"],
        )
        self.assertEqual(sub.result, "fail")
        unit_b = self.of_unit(assessments, self.unit_b)
        team = unit_b.line_ids.filtered(lambda x: x.rule_id.code == "team")
        # B names no leader: no fine for nobody, a finding of its own; the
        # administrator's team fine is within the month's cap (the serious
        # training finding takes the 300 yuan)
        self.assertRecordValues(
            team,
            [
                {"role": "admin", "user_id": self.admin_b.id, "amount": 0.0},
                {"role": "leader", "user_id": False, "amount": 0.0},
            ],
        )
        self.assertEqual(team[1].key, "unnamed:leader")
        training = unit_b.line_ids.filtered(
            lambda x: x.rule_id.code == "admin_training"
        )
        self.assertRecordValues(
            training, [{"role": "admin", "user_id": self.admin_b.id, "amount": 300.0}]
        )
        self.assertEqual(training.evidence_model, "res.users")
        self.assertEqual(json.loads(training.evidence_ids), self.admin_b.ids)
        action = training.action_open_evidence()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.users", self.admin_b.id)
        )
        self.assertEqual(unit_b.result, "fail")

    def test_commendation(self):
        self.only_rules("team", "commendation")
        assessments = self.assess()
        unit_a = self.of_unit(assessments, self.unit_a)
        self.assertEqual(unit_a.result, "commend")
        self.assertEqual(unit_a.line_ids.mapped("kind"), ["reward"] * 3)
        self.assertEqual(
            {(x.user_id, x.role, x.amount) for x in unit_a.line_ids},
            {
                (self.admin_a1, "admin", 200.0),
                (self.admin_a2, "admin", 200.0),
                (self.leader_a, "leader", 500.0),
            },
        )
        self.assertIn("No finding in 2025-03", unit_a.line_ids[0].evidence)
        # unit B has a finding: no commendation
        unit_b = self.of_unit(assessments, self.unit_b)
        self.assertNotIn("reward", unit_b.line_ids.mapped("kind"))

    def test_rule_without_method_or_not_applying_finds_nothing(self):
        rule = self.Rule.create(
            {"code": "rollout_task_overdue", "name": "推进任务按期完成"}
        )
        self.assertEqual(rule._oa_findings(self.units, MONTH), [])
        self.rule("team").date_start = date(2025, 4, 1)
        self.assertEqual(self.rule("team")._oa_findings(self.units, MONTH), [])
