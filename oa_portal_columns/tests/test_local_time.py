# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every month, day and "today" of the columns is the user's (his time
zone), Beijing's when he has none — never UTC's: 30 November 16:30 UTC is
1 December 00:30 in Beijing."""

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user

from .manuscript_common import OaManuscriptCommon

# 00:30 on 1 December 2026 in Beijing
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 30)


class TestLocalTime(OaManuscriptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a unit administrator who set no time zone, and one in Paris
        cls.admin_no_tz = new_test_user(
            cls.env,
            login="oa_admin_no_tz",
            groups="oa_base.group_oa_unit_admin",
            oa_unit_id=cls.unit_a.id,
        )
        cls.admin_no_tz.partner_id.tz = False
        cls.admin_paris = new_test_user(
            cls.env,
            login="oa_admin_paris",
            groups="oa_base.group_oa_unit_admin",
            oa_unit_id=cls.unit_a.id,
            tz="Europe/Paris",
        )
        cls.column = (
            cls.env["oa.column"]
            .with_user(cls.admin_a1)
            .create(
                {
                    "name": "月度测试栏目",
                    "kind": "news",
                    "unit_id": cls.unit_a.id,
                    "parent_id": cls.news_a.id,
                }
            )
        )

    def _this_month(self, user, **context):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.column.with_user(user).with_context(**context).articles_this_month

    def test_articles_this_month_in_beijing(self):
        with freeze_time(datetime(2026, 11, 20, 2, 0)):
            self._article(column=self.column, name="十一月的文章")
        with freeze_time(FIRST_OF_DECEMBER):
            self._article(column=self.column, name="十二月一日的文章")
            # 1 December in Beijing: only the article of today counts
            self.assertEqual(self._this_month(self.admin_a1), 1)
            self.assertEqual(self._this_month(self.admin_no_tz), 1)
            # still 30 November in Paris: both count
            self.assertEqual(self._this_month(self.admin_paris), 2)
            self.assertEqual(self._this_month(self.admin_a1, tz="Europe/Paris"), 2)

    def test_workbench_dates_in_the_users_time_zone(self):
        with freeze_time(FIRST_OF_DECEMBER):
            article = self._article(
                column=self.notice_a,
                name="十二月一日的通知",
                audience="group",
                requires_read=True,
            )
            todo = self.env.ref("mail.mail_activity_data_todo")
            for user in (self.admin_no_tz, self.admin_paris):
                self.env["mail.activity"].create(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("oa.article"),
                        "res_id": article.id,
                        "user_id": user.id,
                        "activity_type_id": todo.id,
                        "date_deadline": date(2026, 12, 1),
                        "summary": "阅批",
                    }
                )
            for user, day, state in (
                (self.admin_no_tz, "2026-12-01", "today"),
                (self.staff_a, "2026-12-01", None),
                (self.admin_paris, "2026-11-30", "planned"),
            ):
                with self.subTest(user=user.login):
                    data = self.env["oa.workbench"].with_user(user).get_data(limit=50)
                    items = [
                        item
                        for item in data["to_read"]["items"] + data["notices"]
                        if item["id"] == article.id
                    ]
                    self.assertEqual(len(items), 2)
                    self.assertEqual({item["date"] for item in items}, {day})
                    if state:
                        (todo_item,) = (
                            item
                            for item in data["todo"]["items"]
                            if item["res_id"] == article.id
                        )
                        self.assertEqual(todo_item["state"], state)
                        self.assertEqual(data["todo"]["overdue"], 0)

    def test_monthly_figures_of_a_moment_in_beijing(self):
        manuscript = self._manuscript(submit=True)
        manuscript.sudo().write({"first_submit_date": FIRST_OF_DECEMBER})
        Monthly = self.env["oa.manuscript.monthly"]

        def unit_a(month):  # the demo's manuscripts are of other units
            return Monthly._oa_counts(month).get(self.unit_a.id)

        self.assertEqual(unit_a(date(2026, 12, 1)), (1, 0))
        self.assertEqual(unit_a(FIRST_OF_DECEMBER), (1, 0))
        self.assertEqual(unit_a("2026-11-30 16:30:00"), (1, 0))
        self.assertIsNone(unit_a(date(2026, 11, 15)))
        self.assertIsNone(unit_a(FIRST_OF_DECEMBER - timedelta(hours=1)))

    def test_issue_dated_today_in_beijing(self):
        self.editor.partner_id.tz = False
        with freeze_time(FIRST_OF_DECEMBER):
            defaults = (
                self.env["oa.periodical"]
                .with_user(self.editor)
                .default_get(["issue_date"])
            )
            self.assertEqual(
                fields.Date.to_date(defaults["issue_date"]), date(2026, 12, 1)
            )

    def test_manuscript_todo_due_on_the_review_deadline(self):
        """Submitted at 00:30 on Tuesday 1 December in Beijing (still 30
        November in UTC): the review's three working days are counted from
        the company's day, the editor's to-do is due on the last one."""
        self.editor.partner_id.tz = False
        with freeze_time(FIRST_OF_DECEMBER):
            manuscript = self._manuscript(submit=True)
        step = manuscript.sudo().oa_step_ids
        # the end of Friday 4 December in Beijing
        self.assertEqual(step.date_deadline, datetime(2026, 12, 4, 16, 0))
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.manuscript"),
                ("res_id", "=", manuscript.id),
                ("user_id", "=", self.editor.id),
            ]
        )
        self.assertEqual(activity.date_deadline, date(2026, 12, 4))
