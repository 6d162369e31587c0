# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestFlowBlock(OaTrainingCommon):
    """A unit may require its users to pass the operation exam before they
    act in the document flows (``res.users._oa_flow_block_reason``)."""

    def block_unit_a(self):
        self.unit_a.with_user(self.admin_a1).write({"oa_training_blocks_flow": True})

    def reason(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        return user._oa_flow_block_reason()

    def test_without_the_setting_nobody_is_blocked(self):
        self.assertFalse(self.unit_a.oa_training_blocks_flow)
        self.assertFalse(self.reason(self.staff_a))
        self.assertFalse(self.reason(self.staff_b))

    def test_not_enrolled(self):
        self.block_unit_a()
        reason = self.reason(self.staff_a)
        self.assertTrue(reason)
        self.assertIn(self.unit_a.name, reason)
        passed, status = self.staff_a._oa_training_status()[self.staff_a.id]
        self.assertFalse(passed)
        self.assertIn(status, reason)

    def test_blocked_until_passed(self):
        self.block_unit_a()
        batch = self.make_batch("第七批", 4)
        enrolment = self.enrol(batch, self.staff_a)
        reason = self.reason(self.staff_a)
        self.assertIn(self.unit_a.name, reason)
        self.assertIn("第七批", reason, "where he stands: enrolled in this batch")
        # the trainee sees why on his enrolment
        self.assertEqual(enrolment.with_user(self.staff_a).flow_block_reason, reason)
        self.examine(batch, {self.staff_a: 40})
        reason = self.reason(self.staff_a)
        self.assertIn("第七批", reason)
        self.assertIn("40", reason, "his score")
        self.examine(batch, {self.staff_a: 85})
        self.assertFalse(self.reason(self.staff_a))
        self.assertFalse(enrolment.with_user(self.staff_a).flow_block_reason)

    def test_any_passed_training_counts(self):
        """Passed as the training rate counts it: an exam of any training."""
        self.block_unit_a()
        batch = self.make_batch("领导培训班", 4, kind="leader")
        self.enrol(batch, self.leader_a)
        self.examine(batch, {self.leader_a: 90})
        self.assertFalse(self.reason(self.leader_a))
        rate = self.env["oa.training.rate"]._oa_compute(self.unit_a)[self.unit_a.id]
        self.assertNotIn(self.leader_a.id, rate["missing_ids"])
        self.assertIn(self.staff_a.id, rate["missing_ids"])
        self.assertTrue(self.reason(self.staff_a))

    def test_own_unit_only(self):
        """The setting is the user's own unit's: not inherited by the
        members of its sub-units, nor seen by other units."""
        self.block_unit_a()
        self.assertTrue(self.reason(self.staff_a))
        self.assertFalse(self.reason(self.staff_a_sub))
        self.assertFalse(self.reason(self.staff_b))
        self.unit_a_sub.with_user(self.admin_a1).write(
            {"oa_training_blocks_flow": True}
        )
        self.assertTrue(self.reason(self.staff_a_sub))

    def test_unit_setting_set_by_its_administrators_only(self):
        # an HR manager edits departments, but not an OA unit's own settings
        hr_manager = new_test_user(
            self.env,
            login="oa_hr_manager",
            groups="base.group_user,hr.group_hr_manager",
            oa_unit_id=self.unit_b.id,
        )
        for user in (hr_manager, self.admin_b, self.staff_a, self.leader_a):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                mute_logger("odoo.addons.base.models.ir_model"),
            ):
                self.unit_a.with_user(user).write({"oa_training_blocks_flow": True})
            self.env.flush_all()
            self.env.invalidate_all()
            self.assertFalse(self.unit_a.oa_training_blocks_flow)
        self.block_unit_a()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertTrue(self.unit_a.oa_training_blocks_flow)
        self.unit_a.with_user(self.project_user).write(
            {"oa_training_blocks_flow": False}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertFalse(self.unit_a.oa_training_blocks_flow)

    def test_setting_change_is_tracked(self):
        unit = self.unit_a.with_context(tracking_disable=False)
        unit.with_user(self.admin_a1).write({"oa_training_blocks_flow": True})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = unit.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "oa_training_blocks_flow"
        )
        self.assertTrue(tracked)
