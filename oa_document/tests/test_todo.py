# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date, datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.oa_base.tools.local_time import company_tz, to_local

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestNotifications(OaDocumentCommon):
    """In-app notifications: no e-mail that cannot leave."""

    def test_new_oa_user_handles_notifications_in_odoo(self):
        user = new_test_user(
            self.env, login="oa_new_inbox", groups="oa_base.group_oa_user"
        )
        self.assertEqual(user.notification_type, "inbox")

    def test_email_when_a_mail_server_is_configured(self):
        self.env["ir.mail_server"].create(
            {"name": "SMTP", "smtp_host": "smtp.example.com"}
        )
        user = new_test_user(
            self.env, login="oa_new_email", groups="oa_base.group_oa_user"
        )
        self.assertEqual(user.notification_type, "email")

    def test_explicit_choice_is_kept(self):
        user = new_test_user(
            self.env,
            login="oa_new_explicit",
            groups="oa_base.group_oa_user",
            notification_type="email",
        )
        self.assertEqual(user.notification_type, "email")

    def test_failed_mail_of_a_user_goes_to_his_inbox(self):
        user = new_test_user(
            self.env,
            login="oa_was_email",
            groups="oa_base.group_oa_user",
            notification_type="email",
        )
        self.staff_a.partner_id.with_context(mail_notify_force_send=False).message_post(
            body="测试", partner_ids=user.partner_id.ids, message_type="comment"
        )
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", user.partner_id.ids)]
        )
        self.assertTrue(mail)
        mail.write({"state": "exception"})
        user._oa_default_to_inbox()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(user.notification_type, "inbox")
        self.assertFalse(mail.exists())
        notification = self.env["mail.notification"].search(
            [("res_partner_id", "=", user.partner_id.id)]
        )
        self.assertRecordValues(
            notification,
            [{"notification_type": "inbox", "notification_status": "sent"}],
        )

    def test_flow_sends_no_email(self):
        before = self.env["mail.mail"].search_count([])
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        inc.with_user(self.clerk_b).action_receive()
        self.env.flush_all()
        self.assertEqual(self.env["mail.mail"].search_count([]), before)

    def test_demo_database_has_no_failed_notification(self):
        """No notification of the suite (a message on an OA record or to an
        OA user) failed.  Odoo's own calendar demo sends invitations to its
        demo customers when its demo events are still ahead at install time
        (in the evening, UTC), and they fail without a mail server: not the
        suite's, and they come and go with the hour of the run."""
        if not self.env.ref("base.module_oa_document").demo:
            return
        demo_users = self.env["res.users"].search(
            [("oa_unit_id", "!=", False), ("share", "=", False)]
        )
        self.assertTrue(demo_users)
        ours = [
            "|",
            ("mail_message_id.model", "=like", "oa.%"),
            ("mail_message_id.partner_ids", "in", demo_users.partner_id.ids),
        ]
        self.assertFalse(
            self.env["mail.mail"].search_count([("state", "=", "exception"), *ours])
        )
        self.assertFalse(
            self.env["mail.notification"].search_count(
                [
                    ("notification_status", "in", ("exception", "bounce")),
                    "|",
                    ("mail_message_id.model", "=like", "oa.%"),
                    ("res_partner_id", "in", demo_users.partner_id.ids),
                ]
            )
        )
        self.assertEqual(set(demo_users.mapped("notification_type")), {"inbox"})


@tagged("post_install", "-at_install")
class TestTodo(OaDocumentCommon):
    """Every step waiting for someone is in his to-do, due today, and in his
    proxy's; it leaves when the step is done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")

    def _todo(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.todo_type.id),
            ]
        )

    def _today_of(self, user):
        """The assignee's today: his time zone (else the acting user's: all
        of this fixture's are Beijing), not the server's — at 00:30 in
        Beijing the server's UTC date is yesterday."""
        tz = user.tz or "Asia/Shanghai"
        return datetime.now(pytz.timezone(tz)).date()

    def test_outgoing_steps_in_todo_due_on_the_steps_deadline_day(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        todo = self._todo(doc)
        self.assertEqual(todo.user_id, self.leader_a)
        # the step's time limit (24 hours), the day in Beijing
        deadline = doc.sudo().current_step_ids.date_deadline
        self.assertEqual(
            todo.date_deadline,
            pytz.utc.localize(deadline - timedelta(seconds=1))
            .astimezone(pytz.timezone("Asia/Shanghai"))
            .date(),
        )
        self.assertEqual(
            todo.date_deadline, self._today_of(todo.user_id) + timedelta(1)
        )
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.leader_a)
            .search_count([("user_id", "=", self.leader_a.id)]),
            1,
        )
        doc.with_user(self.leader_a).action_approve("同意")
        self.assertIn(self.clerk_a, doc.current_step_ids.user_ids)
        self.assertEqual(self._todo(doc).user_id, doc.current_step_ids.user_ids)
        self._run_until(doc, "distributed")
        self.assertFalse(self._todo(doc))

    def test_due_on_the_deadline_day_in_beijing(self):
        self.leader_a.tz = "Asia/Shanghai"
        doc = self._draft()
        # 17:30 UTC is already 3 March, 01:30 in Beijing: the 24-hour step is
        # due at 01:30 on the 4th in Beijing (the 3rd in UTC)
        with freeze_time("2026-03-02 17:30:00"):
            doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self._todo(doc).date_deadline, date(2026, 3, 4))

    def _activity_notices(self):
        """Partners told "a to-do arrived" by the bus since the last call."""
        self.env.cr.precommit.run()  # bus rows are written at commit
        rows = self.env["bus.bus"].sudo().search([])
        partners = [
            json.loads(row.channel)[2]
            for row in rows
            if json.loads(row.message)["type"] == "mail.activity/updated"
            and json.loads(row.message)["payload"].get("activity_created")
        ]
        rows.unlink()
        return partners

    def test_new_todo_announced_in_the_evening(self):
        """At 17:30 UTC it is already tomorrow in Beijing: the to-do is due on
        a date after the server's, which Odoo alone does not announce — the
        assignee's counter must still tick at once."""
        self.leader_a.tz = "Asia/Shanghai"
        doc = self._draft()
        self._activity_notices()
        with freeze_time("2026-03-02 17:30:00"):
            doc.with_user(self.staff_a).action_submit()
            self.assertIn(self.leader_a.partner_id.id, self._activity_notices())
            doc.with_user(self.leader_a).action_approve("同意")
            announced = self._activity_notices()
        for user in doc.current_step_ids.user_ids:
            self.assertIn(user.partner_id.id, announced)

    def test_proxy_gets_the_todo(self):
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.admin_a1.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=2),
            }
        )
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        todo = self._todo(doc)
        self.assertEqual(todo.user_id, self.leader_a | self.admin_a1)
        doc.with_user(self.admin_a1).action_approve("同意")
        self.assertNotIn(self.admin_a1, self._todo(doc).user_id)

    def test_proxy_named_later_gets_the_open_todo(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.admin_a1.id,
                "date_from": now,
                "date_to": now + timedelta(days=2),
            }
        )
        self.assertEqual(self._todo(doc).user_id, self.leader_a | self.admin_a1)

    def test_return_to_drafter_in_his_todo(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        doc.with_user(self.leader_a).action_return(0, "请修改标题")
        todo = self._todo(doc)
        self.assertEqual(todo.user_id, self.staff_a)
        self.assertEqual(todo.date_deadline, self._today_of(todo.user_id[:1]))

    def test_incoming_steps_in_todo(self):
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        clerks = inc._allowed_users("clerk")
        self.assertIn(self.clerk_b, clerks)
        # waiting to be signed for: the receiving clerks
        todo = self._todo(inc)
        self.assertEqual(todo.user_id, clerks)
        # one due date for everyone: the day of the step's deadline
        step = inc.oa_step_ids.filtered(lambda s: s.state == "pending")
        self.assertEqual(step.step_type, "receive")
        due = to_local(
            self.env, step.date_deadline - timedelta(seconds=1), company_tz(self.env)
        ).date()
        self.assertEqual(set(todo.mapped("date_deadline")), {due})
        self.assertGreater(due, self._today_of(self.clerk_b))
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.clerk_b)
            .search_count([("user_id", "=", self.clerk_b.id)]),
            1,
            "the receiving clerk's to-do holds the receipt",
        )
        inc.with_user(self.clerk_b).action_receive()
        self.assertEqual(self._todo(inc).user_id, clerks, "propose the handling")
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("请乙领导批示")
        self.assertEqual(self._todo(inc).user_id, self.leader_b)
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("请办理")
        self.assertEqual(self._todo(inc).user_id, self.staff_b)
        inc.with_user(self.staff_b).action_start()
        self.assertEqual(self._todo(inc).user_id, self.staff_b)
        inc.with_user(self.staff_b).write({"feedback": "已办结"})
        inc.with_user(self.staff_b).action_finish()
        self.assertEqual(self._todo(inc).user_id, clerks, "archive it")
        inc.with_user(self.clerk_b).action_archive_incoming()
        self.assertFalse(self._todo(inc))

    def test_supervision_in_todo(self):
        item = (
            self.env["oa.supervision"]
            .with_user(self.project_user)
            .create(
                {
                    "name": "报送试运行情况",
                    "requirement": "报送本单位试运行情况",
                    "unit_id": self.unit_b.id,
                    "date_deadline": date.today() + timedelta(days=10),
                }
            )
        )
        todo = self._todo(item)
        self.assertEqual(todo.user_id, self.leader_b)
        # due on the item's own deadline, not today
        self.assertEqual(todo.date_deadline, item.date_deadline)
        item.with_user(self.leader_b).responsible_id = self.staff_b
        self.assertEqual(self._todo(item).user_id, self.staff_b)
        item.with_user(self.staff_b).write({"feedback": "已报送"})
        item.with_user(self.staff_b).action_submit_feedback()
        self.assertEqual(self._todo(item).user_id, self.project_user)
        item.with_user(self.project_user).action_accept_feedback()
        self.assertFalse(self._todo(item))
