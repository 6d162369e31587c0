# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import users, warmup

from .common import OaColumnsCommon


class TestWorkbench(OaColumnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo articles stay out of the way
        cls.env["oa.article"].search([]).write({"state": "archived"})
        today = fields.Date.today()
        cls.notice = cls._article(
            name="必读通知", audience="group", requires_read=True, requires_ack=True
        )
        cls.memo = cls._article(name="必读简报", audience="group", requires_read=True)
        cls.other_unit = cls._article(
            column=cls.notice_b,
            user=cls.admin_b,
            name="乙单位内部通知",
            audience="own",
            requires_read=True,
        )
        # the leader of A is away: staff A is his proxy now
        cls.env["oa.proxy"].create(
            {
                "user_id": cls.leader_a.id,
                "proxy_user_id": cls.staff_a.id,
                "date_from": fields.Datetime.now() - timedelta(hours=1),
                "date_to": fields.Datetime.now() + timedelta(days=2),
            }
        )
        Activity = cls.env["mail.activity"]
        todo = cls.env.ref("mail.mail_activity_data_todo")
        article_model = cls.env["ir.model"]._get_id("oa.article")

        def activity(record_model, record, user, days, summary):
            return Activity.create(
                {
                    "res_model_id": record_model,
                    "res_id": record.id,
                    "user_id": user.id,
                    "activity_type_id": todo.id,
                    "date_deadline": today + timedelta(days=days),
                    "summary": summary,
                }
            )

        cls.act_mine = activity(article_model, cls.memo, cls.staff_a, 3, "审核稿件")
        cls.act_principal = activity(
            article_model, cls.notice, cls.leader_a, -1, "领导批示"
        )
        # not OA work, and someone else's work
        partner_model = cls.env["ir.model"]._get_id("res.partner")
        activity(partner_model, cls.staff_a.partner_id, cls.staff_a, 0, "非OA")
        activity(article_model, cls.memo, cls.staff_b, 0, "别人的")

    def _data(self, user):
        return self.env["oa.workbench"].with_user(user).get_data()

    def test_todo_mine_and_principals_due_first(self):
        data = self._data(self.staff_a)
        self.assertEqual(data["todo"]["count"], 2)
        self.assertEqual(data["todo"]["overdue"], 1)
        items = data["todo"]["items"]
        self.assertEqual(
            [i["id"] for i in items], [self.act_principal.id, self.act_mine.id]
        )
        self.assertEqual(items[0]["for_user"], self.leader_a.name)
        self.assertEqual(items[0]["state"], "overdue")
        self.assertEqual(
            (items[1]["res_model"], items[1]["res_id"], items[1]["for_user"]),
            ("oa.article", self.memo.id, ""),
        )
        self.assertEqual(data["principals"], [self.leader_a.name])
        # without the proxy window, staff B sees only his own
        self.assertEqual(self._data(self.staff_b)["todo"]["count"], 1)

    def test_todo_summary_does_not_repeat_the_title(self):
        self.act_mine.summary = f"审核: {self.memo.name}"
        items = self._data(self.staff_a)["todo"]["items"]
        mine = next(i for i in items if i["id"] == self.act_mine.id)
        self.assertEqual((mine["title"], mine["summary"]), (self.memo.name, "审核"))
        Workbench = self.env["oa.workbench"]
        self.assertEqual(Workbench._oa_short_summary("签发:通知", "通知"), "签发")
        self.assertEqual(Workbench._oa_short_summary("通知", "通知"), "通知")
        self.assertEqual(Workbench._oa_short_summary("领导批示", "通知"), "领导批示")

    def test_counts_not_capped(self):
        data = self.env["oa.workbench"].with_user(self.staff_a).get_data(limit=1)
        self.assertEqual(data["todo"]["count"], 2)
        self.assertEqual(len(data["todo"]["items"]), 1)

    def test_to_read_until_read_or_acknowledged(self):
        def to_read(user):
            return {i["id"] for i in self._data(user)["to_read"]["items"]}

        self.assertEqual(to_read(self.staff_a), {self.notice.id, self.memo.id})
        self.assertEqual(
            to_read(self.staff_b), {self.notice.id, self.memo.id, self.other_unit.id}
        )
        self.memo.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.staff_a).action_mark_read()
        # read, but the notice still waits for 我已阅知
        self.assertEqual(to_read(self.staff_a), {self.notice.id})
        self.notice.with_user(self.staff_a).action_acknowledge()
        data = self._data(self.staff_a)
        self.assertEqual(data["to_read"]["count"], 0)
        self.assertEqual(
            {i["id"] for i in data["read"]}, {self.notice.id, self.memo.id}
        )

    def test_to_read_only_for_the_audience(self):
        """Unit A's administrator may read (and manage) every article of A's
        columns, but one sent to unit B only is not his to read."""
        for_b = self._article(
            name="致乙单位的通知",
            audience="units",
            audience_unit_ids=[(6, 0, self.unit_b.ids)],
            requires_read=True,
        )
        self.assertTrue(for_b.with_user(self.admin_a1).has_access("read"))
        ids = {i["id"] for i in self._data(self.admin_a1)["to_read"]["items"]}
        self.assertNotIn(for_b.id, ids)
        self.assertIn(self.notice.id, ids)
        ids = {i["id"] for i in self._data(self.staff_b)["to_read"]["items"]}
        self.assertIn(for_b.id, ids)

    def test_flow_block_reason_shown(self):
        """Whoever may not act in the flows now is told why on his home."""
        self.assertEqual(self._data(self.staff_a)["flow_block"], "")
        reason = "须先通过上机操作考试"
        Users = self.env.registry["res.users"]
        with patch.object(Users, "_oa_flow_block_reason", lambda user: reason):
            self.assertEqual(self._data(self.staff_a)["flow_block"], reason)

    def test_expired_not_listed(self):
        self.memo.expiry_date = fields.Datetime.now() - timedelta(days=1)
        ids = {i["id"] for i in self._data(self.staff_a)["to_read"]["items"]}
        self.assertNotIn(self.memo.id, ids)

    def test_latest_notices_pinned_then_unread(self):
        pinned = self._article(name="置顶通知", audience="group", is_pinned=True)
        self.notice.with_user(self.staff_a).action_mark_read()
        notices = self._data(self.staff_a)["notices"]
        ids = [i["id"] for i in notices]
        self.assertEqual(ids[0], pinned.id)
        # unread before read
        self.assertLess(ids.index(self.memo.id), ids.index(self.notice.id))
        self.assertNotIn(self.other_unit.id, ids)
        self.assertTrue(next(i for i in notices if i["id"] == self.notice.id)["read"])

    def test_done_lists_completed_oa_activities(self):
        self.act_mine.with_user(self.staff_a).action_feedback(feedback="已处理")
        done = self._data(self.staff_a)["done"]
        self.assertEqual(
            [(d["res_model"], d["res_id"]) for d in done],
            [("oa.article", self.memo.id)],
        )

    @users("oa_staff_a")
    @warmup
    def test_get_data_query_count(self):
        """The whole workbench in a bounded number of queries."""
        with self.assertQueryCount(oa_staff_a=14):
            self.env["oa.workbench"].get_data()

    def test_home_action(self):
        action = self.env.ref("oa_portal_columns.oa_workbench_action")
        self.assertEqual(self.staff_a.action_id.id, action.id)
        admin = self.env.ref("base.user_admin")
        self.assertNotEqual(admin.action_id.id, action.id)
        demo_user = self.env.ref("oa_base.user_liufang_demo", raise_if_not_found=False)
        if demo_user:
            self.assertEqual(demo_user.action_id.id, action.id)
