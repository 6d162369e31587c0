# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.oa_document.tests.common import OaDocumentCommon
from odoo.addons.oa_training.tests.common import OaTrainingCommon

CJK = "[\u4e00-\u9fff]"


@tagged("post_install", "-at_install")
class TestTrainingBlocksFlow(OaDocumentCommon, OaTrainingCommon):
    """oa_training's rule in oa_document's flows: in a unit that requires
    it, who has not passed the operation exam acts in no flow until he
    passes."""

    def fresh(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo()

    def refusal(self, call):
        with self.assertRaises(UserError) as caught:
            call()
        return str(caught.exception)

    def test_untrained_cannot_act_until_passed(self):
        self.unit_a.with_user(self.admin_a1).write({"oa_training_blocks_flow": True})
        # drafting moves nothing: allowed
        doc = self._draft()
        drafter = doc.with_user(self.staff_a).with_context(lang="zh_CN")
        message = self.refusal(drafter.action_submit)
        self.assertIn("上机操作考试", message)
        self.assertIn(self.unit_a.name, message)
        # the document says why before he tries
        self.assertEqual(drafter.oa_flow_block_message, message)
        self.assertEqual(self.fresh(doc).state, "draft")

        batch = self.make_batch("第一批", 4)
        enrolments = self.enrol(batch, self.staff_a | self.leader_a)
        self.examine(batch, {self.staff_a: 90, self.leader_a: 30})
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self.fresh(doc).state, "review")
        self.env.invalidate_all()
        self.assertFalse(doc.with_user(self.staff_a).oa_flow_block_message)

        # the reviewer failed: he reads the document but cannot approve it
        reviewer = doc.with_user(self.leader_a).with_context(lang="zh_CN")
        self.assertEqual(reviewer.read(["name"])[0]["name"], doc.name)
        message = self.refusal(lambda: reviewer.action_approve("同意"))
        self.assertIn("第一批", message)
        self.assertIn("最高成绩 30", message, "where he stands: failed, his score")
        self.assertEqual(self.fresh(doc).state, "review")
        # his enrolment tells him too, in Chinese
        own = enrolments.filtered(lambda e: e.user_id == self.leader_a)
        shown = own.with_user(self.leader_a).with_context(lang="zh_CN")
        self.assertIn("上机操作考试", shown.flow_block_reason)

        self.examine(batch, {self.leader_a: 75})
        self.env.invalidate_all()
        doc.with_user(self.leader_a).action_approve("同意")
        self.assertEqual(self.fresh(doc).state, "check")
        self.env.invalidate_all()
        self.assertFalse(shown.flow_block_reason)

    def test_other_units_unaffected(self):
        """Unit B does not require the exam: its untrained clerk receives
        what untrained-but-unblocked unit A sent."""
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]),
            "distributed",
        )
        self.unit_a.with_user(self.admin_a1).write({"oa_training_blocks_flow": True})
        self.assertTrue(
            self.refusal(doc.with_user(self.staff_a).action_archive_document)
        )
        inc = doc.incoming_ids
        inc.with_user(self.clerk_b).action_receive()
        self.assertEqual(self.fresh(inc).state, "registered")

    def test_unit_form_shows_the_setting_in_chinese(self):
        Unit = self.env["hr.department"].with_context(lang="zh_CN")
        view_id = self.env.ref("hr.view_department_form").id
        self.assertIn(
            'name="oa_training_blocks_flow"', Unit.get_view(view_id, "form")["arch"]
        )
        field = Unit.fields_get(["oa_training_blocks_flow"])["oa_training_blocks_flow"]
        self.assertRegex(field["string"], CJK)
        self.assertRegex(field["help"], CJK)
