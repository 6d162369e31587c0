# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestSupervision(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # opened on April 1st (a new item's deadline is never in the past)
        with freeze_time("2026-04-01"):
            cls.item = (
                cls.env["oa.supervision"]
                .with_user(cls.project_user)
                .create(
                    {
                        "name": "报送试运行情况",
                        "requirement": "4月30日前报送本单位试运行情况",
                        "unit_id": cls.unit_b.id,
                        "date_deadline": date(2026, 4, 30),
                    }
                )
            )

    def test_responsible_defaults_to_unit_leader(self):
        self.assertEqual(self.item.responsible_id, self.leader_b)
        self.assertEqual(self.item.supervisor_id, self.project_user)

    def test_reminder_before_deadline(self):
        with freeze_time("2026-04-29"):
            self.env["oa.supervision"]._cron_remind()
        self.assertRecordValues(
            self.item, [{"state": "open", "reminder_count": 1, "escalated": False}]
        )
        self.assertEqual(self.item.activity_ids.user_id, self.leader_b)
        with freeze_time("2026-04-29"):
            self.env["oa.supervision"]._cron_remind()
        self.assertEqual(
            self.item.reminder_count, 1, "one reminder before the deadline"
        )

    def test_no_reminder_long_before(self):
        with freeze_time("2026-04-01"):
            self.env["oa.supervision"]._cron_remind()
        self.assertRecordValues(self.item, [{"state": "open", "reminder_count": 0}])

    def test_overdue_escalates_to_leader(self):
        self.item.responsible_id = self.staff_b
        with freeze_time("2026-05-02"):
            self.env["oa.supervision"]._cron_remind()
            self.env["oa.supervision"]._cron_remind()
        self.assertRecordValues(
            self.item, [{"state": "overdue", "escalated": True, "reminder_count": 1}]
        )
        self.assertEqual(self.item.activity_ids.user_id, self.staff_b | self.leader_b)
        self.assertIn("escalated to oa_leader_b", self.item.message_ids[0].body)

    def test_accepted_feedback_closes(self):
        self.item.with_user(self.leader_b).write({"feedback": "已报送"})
        self.item.with_user(self.leader_b).action_submit_feedback()
        self.assertEqual(self.item.state, "submitted")
        self.assertEqual(self.item.activity_ids.user_id, self.project_user)
        self.item.with_user(self.project_user).action_accept_feedback()
        self.assertEqual(self.item.state, "closed")
        self.assertTrue(self.item.date_closed)
        with freeze_time(date(2026, 5, 5)):
            self.env["oa.supervision"]._cron_remind()
        self.assertEqual(self.item.state, "closed")

    def test_empty_feedback_refused(self):
        with self.assertRaises(UserError):
            self.item.with_user(self.leader_b).action_submit_feedback()
        self.assertEqual(self.item.state, "open")

    def test_feedback_only_by_responsible_unit(self):
        # staff_b reads the item (his unit's) but is not its responsible:
        # the guard itself refuses him (see test_security_supervision)
        self.item.sudo().feedback = "越权反馈"
        self.assertTrue(self.item.with_user(self.staff_b).read(["name"]))
        with self.assertRaises(AccessError):
            self.item.with_user(self.staff_b).action_submit_feedback()
        self.assertEqual(self.item.state, "open")

    def test_reminder_again_after_deadline_moved(self):
        with freeze_time("2026-04-29"):
            self.env["oa.supervision"]._cron_remind()
            wizard = self.env["oa.supervision.deadline.wizard"].with_user(
                self.project_user
            )
            wizard.create(
                {
                    "supervision_id": self.item.id,
                    "date_deadline": date(2026, 5, 10),
                    "reason": "延期",
                }
            ).action_confirm()
        with freeze_time("2026-05-09"):
            self.env["oa.supervision"]._cron_remind()
        self.assertRecordValues(self.item, [{"state": "open", "reminder_count": 2}])

    def test_overdue_list(self):
        with freeze_time(date(2026, 4, 30) + timedelta(days=3)):
            self.env["oa.supervision"]._cron_remind()
        overdue = self.env["oa.supervision"].search([("state", "=", "overdue")])
        self.assertIn(self.item, overdue)

    def test_unit_without_leader_nor_responsible_waits_for_its_admins(self):
        """The feedback step never waits for nobody: a unit without a leader
        in charge, the item without a responsible person, goes to the unit's
        system administrators, who may answer it."""
        self.unit_b.sudo().oa_leader_id = False
        item = (
            self.env["oa.supervision"]
            .with_user(self.project_user)
            .create(
                {
                    "name": "完成本单位内部流程设置",
                    "requirement": "按期完成",
                    "unit_id": self.unit_b.id,
                    "date_deadline": date.today() + timedelta(days=10),
                }
            )
        )
        self.assertFalse(item.responsible_id)
        step = item.sudo().oa_step_ids.filtered(lambda s: s.state == "pending")
        self.assertEqual(step.user_ids, self.admin_b)
        self.assertEqual(item.activity_ids.user_id, self.admin_b)
        item.with_user(self.admin_b).write({"feedback": "已完成流程设置"})
        item.with_user(self.admin_b).action_submit_feedback()
        self.assertEqual(item.state, "submitted")
