# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

TITLE = "关于系统割接的紧急通知"


@tagged("post_install", "-at_install")
class TestNoticeTour(HttpCase):
    """An administrator publishes a notice requiring acknowledgement; a user
    of another unit finds it in 待阅 on his workbench, reads and acknowledges
    it; the publisher sees him in "who has read"."""

    def setUp(self):
        super().setUp()
        # the demo users have chosen their own passwords (oa_base refuses a
        # log-in over RPC, as the tour helper does, until they have)
        self.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def test_publish_read_acknowledge(self):
        ref = self.env.ref
        publisher = ref("oa_base.user_wangjianguo_demo")
        reader = ref("oa_base.user_sunxiaoyan_demo")
        self.start_tour(
            "/odoo/action-oa_portal_columns.oa_article_action_manage/new",
            "oa_portal_columns_tour_publish",
            login=publisher.login,
        )
        notice = self.env["oa.article"].search([("name", "=", TITLE)])
        self.assertEqual(
            len(notice),
            1,
            self.env["oa.article"].search([], order="id desc", limit=3).mapped("name"),
        )
        self.assertRecordValues(
            notice,
            [
                {
                    "state": "published",
                    "audience": "group",
                    "requires_ack": True,
                    "author_id": publisher.id,
                    "unit_id": ref("oa_base.oa_unit_office_demo").id,
                }
            ],
        )
        self.start_tour("/odoo", "oa_portal_columns_tour_read", login=reader.login)
        receipt = self.env["oa.article.read"].search(
            [("article_id", "=", notice.id), ("user_id", "=", reader.id)]
        )
        self.assertTrue(receipt.ack_date)
        self.assertEqual(receipt.unit_id, ref("oa_base.oa_unit_party_demo"))
        self.start_tour(
            f"/odoo/action-oa_portal_columns.oa_article_action_manage/{notice.id}",
            "oa_portal_columns_tour_who_read",
            login=publisher.login,
        )
