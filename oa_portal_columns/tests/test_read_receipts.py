# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError
from odoo.tests import users, warmup
from odoo.tools import mute_logger

from .common import OaColumnsCommon


class TestReadReceipts(OaColumnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.notice = cls._article(
            audience="group", requires_read=True, requires_ack=True
        )

    def _receipts(self, article=None):
        self.env.invalidate_all()
        return self.env["oa.article.read"].search(
            [("article_id", "=", (article or self.notice).id)]
        )

    def test_mark_read_upserts_one_row(self):
        """Reading twice keeps one row: unit snapshot, first and last view,
        count — and never writes on the article."""
        write_date = self.notice.write_date
        self.notice.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.staff_b).action_mark_read()
        receipts = self._receipts()
        self.assertEqual(len(receipts), 2)
        mine = receipts.filtered(lambda r: r.user_id == self.staff_a)
        self.assertRecordValues(
            mine, [{"unit_id": self.unit_a.id, "view_count": 2, "ack_date": False}]
        )
        self.assertLessEqual(mine.first_view, mine.last_view)
        self.assertEqual(self.notice.write_date, write_date)
        self.assertTrue(self.notice.with_user(self.staff_a).is_read)

    @users("oa_staff_a")
    @warmup
    def test_mark_read_query_count(self):
        """Marking read: the access and state checks and one upsert
        statement."""
        notice = self.notice.with_env(self.env)
        with self.assertQueryCount(oa_staff_a=5):
            notice.action_mark_read()
        # of which one writes: the upsert of one row, nothing on the article
        queries = []
        with contextmanager(self._patchExecute)(queries):
            notice.action_mark_read()
        if self.warm:
            writes = [q for q in queries if not q.lstrip().upper().startswith("SELECT")]
            self.assertEqual(len(writes), 1, writes)
            self.assertIn("INSERT INTO oa_article_read", writes[0])
            self.assertIn("ON CONFLICT", writes[0])
            self.assertFalse(
                [q for q in queries if "UPDATE" in q.split("ON CONFLICT")[0]]
            )

    @users("oa_admin_a1")
    @warmup
    def test_read_status_query_count(self):
        """Who has read, per unit: the grouped query and the names of all the
        units at once, however many units the audience spans."""
        notice = self.notice.with_env(self.env)
        with self.assertQueryCount(oa_admin_a1=10):
            rows = notice.get_read_status()
        self.assertGreater(len(rows), 2)
        self.assertTrue(all(row["unit"] for row in rows if row["unit_id"]))

    def test_acknowledge_once(self):
        self.notice.with_user(self.staff_a).action_acknowledge()
        receipt = self._receipts()
        self.assertTrue(receipt.ack_date)
        ack_date = receipt.ack_date
        with self.assertRaises(UserError):
            self.notice.with_user(self.staff_a).action_acknowledge()
        self.assertUnchanged(receipt, {"ack_date": ack_date, "view_count": 1})

    def test_acknowledge_needs_the_flag(self):
        news = self._article(column=self.news_a, audience="group")
        with self.assertRaises(UserError):
            news.with_user(self.staff_a).action_acknowledge()
        self.assertFalse(self._receipts(news))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_outside_audience_cannot_mark_read(self):
        own = self._article(audience="own", requires_read=True)
        with self.assertRaises(AccessError):
            own.with_user(self.staff_b).action_mark_read()
        draft = self._article(audience="group", publish=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.staff_a).action_mark_read()
        self.assertFalse(self._receipts(own) | self._receipts(draft))

    def test_receipts_not_written_by_hand(self):
        Read = self.env["oa.article.read"]
        with self.assertRaises(UserError):
            Read.with_user(self.staff_a).create(
                {"article_id": self.notice.id, "user_id": self.staff_a.id}
            )
        self.notice.with_user(self.staff_a).action_mark_read()
        receipt = self._receipts()
        with self.assertRaises(UserError):
            receipt.with_user(self.staff_a).write({"ack_date": "2026-01-01 00:00:00"})
        # not even the project group, through the ORM
        with self.assertRaises(UserError):
            receipt.with_user(self.project_user).write({"view_count": 9})
        self.assertUnchanged(receipt, {"ack_date": False, "view_count": 1})

    def test_readers_see_own_receipts_publisher_sees_all(self):
        self.notice.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.staff_b).action_mark_read()
        Read = self.env["oa.article.read"]
        self.assertEqual(Read.with_user(self.staff_b).search([]).user_id, self.staff_b)
        self.assertEqual(
            len(
                Read.with_user(self.admin_a1).search(
                    [("article_id", "=", self.notice.id)]
                )
            ),
            2,
        )

    def test_who_has_read_per_unit(self):
        self.notice.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.staff_b).action_acknowledge()
        status = {
            row["unit_id"]: row
            for row in self.notice.with_user(self.admin_a1).get_read_status()
        }
        self.assertEqual(status[self.unit_b.id]["read"], 1)
        self.assertEqual(status[self.unit_b.id]["acknowledged"], 1)
        self.assertEqual(status[self.unit_a.id]["read"], 1)
        self.assertEqual(
            status[self.unit_a.id]["unread"], status[self.unit_a.id]["audience"] - 1
        )
        notice = self.notice.with_user(self.admin_a1)
        self.assertNotIn(self.staff_a, notice.unread_user_ids)
        self.assertIn(self.staff_a_sub, notice.unread_user_ids)
        self.assertEqual(notice.read_count, 2)
        with self.assertRaises(AccessError):
            self.notice.with_user(self.staff_a).get_read_status()

    def test_remind_unread(self):
        self.notice.with_user(self.staff_a).action_mark_read()
        self.notice.with_user(self.admin_a1).action_remind_unread()
        message = self.env["mail.message"].search(
            [("model", "=", "oa.article"), ("res_id", "=", self.notice.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn(self.staff_b.partner_id, message.partner_ids)
        self.assertNotIn(self.staff_a.partner_id, message.partner_ids)
        with self.assertRaises(AccessError):
            self.notice.with_user(self.staff_b).action_remind_unread()
