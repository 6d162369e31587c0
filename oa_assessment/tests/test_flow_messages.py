# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaAssessmentCommon
from .test_rollout_plan import OaRolloutCommon


class FlowMessagesMixin:
    """The flow's events post their own named subtype, which a follower
    receives by default (he may unfollow one event and keep the others)."""

    def follow(self, record, user):
        record.sudo().message_subscribe(partner_ids=user.partner_id.ids)

    def assert_posted(self, record, subtype_xmlid, follower):
        # the tracking messages are posted when the transaction ends
        self.env.flush_all()
        self.env.cr.precommit.run()
        subtype = self.env.ref(subtype_xmlid)
        self.assertEqual(subtype.res_model, record._name)
        self.assertTrue(subtype.default)
        messages = self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subtype_id", "=", subtype.id),
            ]
        )
        self.assertEqual(len(messages), 1, subtype_xmlid)
        self.assertIn(follower.partner_id, messages.notified_partner_ids)
        return messages


@tagged("post_install", "-at_install")
class TestAssessmentMessages(FlowMessagesMixin, OaAssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules("team", "commendation")

    def test_adjust_and_approve_post_their_subtypes(self):
        unit_b = self.of_unit(self.assess(), self.unit_b)
        self.follow(unit_b, self.admin_b)
        line = unit_b.line_ids.filtered(lambda x: x.role == "admin")
        line.with_user(self.project_user)._oa_adjust(150.0, "首次发现,从轻")
        adjusted = self.assert_posted(
            unit_b, "oa_assessment.mt_assessment_adjusted", self.admin_b
        )
        self.assertIn("首次发现", adjusted.body)
        unit_b.with_user(self.project_user).action_approve()
        approved = self.assert_posted(
            unit_b, "oa_assessment.mt_assessment_approved", self.admin_b
        )
        self.assertIn(unit_b.number, approved.body)


@tagged("post_install", "-at_install")
class TestRolloutMessages(FlowMessagesMixin, OaRolloutCommon):
    def test_done_reopened_cancelled_post_their_subtypes(self):
        # the state is tracked (the common fixture disables tracking)
        task = self.new_task().with_context(tracking_disable=False)
        self.follow(task, self.leader_a)
        # the creation's discarded tracking ends with its transaction
        self.env.flush_all()
        self.env.cr.precommit.run()
        task.with_user(self.staff_a).action_done()
        self.assert_posted(task, "oa_assessment.mt_rollout_task_done", self.leader_a)
        task.with_user(self.admin_a1).action_reopen()
        self.assert_posted(
            task, "oa_assessment.mt_rollout_task_reopened", self.leader_a
        )
        task.with_user(self.admin_a1).action_cancel()
        self.assert_posted(
            task, "oa_assessment.mt_rollout_task_cancelled", self.leader_a
        )
        # reopening a cancelled task is a reopening too
        task.with_user(self.admin_a1).action_reopen()
        self.env.flush_all()
        self.env.cr.precommit.run()
        reopened = self.env.ref("oa_assessment.mt_rollout_task_reopened")
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", task._name),
                    ("res_id", "=", task.id),
                    ("subtype_id", "=", reopened.id),
                ]
            ),
            2,
        )
