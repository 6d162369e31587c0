# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

# the titles the tours look for (static/tests/tours/phone_tour.js)
RECEIPT_TITLE = "关于做好手机办理收文签收和拟办工作的通知"
REVIEW_TITLE = "关于开展手机审核公文试点工作的通知"


@tagged("post_install", "-at_install")
class TestPhoneTours(HttpCase):
    """The flow on a phone (390 × 844, touch), each actor starting from his
    workbench: the whole title of his to-do is shown, the button of his step
    is the first button of the form in sight (Odoo would hide it in the ⚙
    menu), 新建 stays on one line and the ribbon 已归档 leaves the title
    uncovered."""

    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        if "oa.workbench" not in self.env:
            self.skipTest("the workbench (oa_portal_columns) is not installed")
        # the demo users have chosen their own passwords (oa_base refuses a
        # log-in over RPC, as the tour helper does, until they have)
        self.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def authenticate(self, user, password, browser=None):
        res = super().authenticate(user, password, browser=browser)
        if browser:
            # headless Chrome keeps its window at least 500px wide: the page
            # gets the phone's size by device emulation (the tours check it)
            width, height = map(int, self.browser_size.replace(",", "x").split("x"))
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": width,
                    "height": height,
                    "deviceScaleFactor": 1,
                    "mobile": True,
                },
            )
        return res

    def _submitted_document(self, title):
        """A document of the office to 人力资源部, submitted by its drafter."""
        ref = self.env.ref
        doc = (
            self.env["oa.document"]
            .with_user(ref("oa_base.user_liufang_demo"))
            .create(
                {
                    "name": title,
                    "issuing_unit_id": ref("oa_base.oa_unit_office_demo").id,
                    "main_unit_ids": [(6, 0, ref("oa_base.oa_unit_hr_demo").ids)],
                    "body": "<p>请在手机上办理。</p>",
                }
            )
        )
        doc.action_submit()
        self.assertEqual(doc.state, "review")
        return doc

    def _actor(self, doc):
        return doc.sudo().current_step_ids.user_ids.filtered(
            lambda u: doc.with_user(u).can_act
        )[:1]

    def _todo_users(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
            .user_id
        )

    def test_clerk_receives_and_proposes(self):
        ref = self.env.ref
        doc = self._submitted_document(RECEIPT_TITLE)
        # 审核, 核稿, 签发, 编号, 用印, 分发: each by its actor
        while doc.state != "distributed":
            actor = self._actor(doc)
            self.assertTrue(actor, f"somebody acts at {doc.state}")
            doc.with_user(actor).action_approve("同意")
        incoming = doc.incoming_ids
        self.assertEqual(incoming.state, "to_receive")
        clerk = self.env["res.users"].search(
            [
                ("oa_unit_id", "=", incoming.unit_id.id),
                ("groups_id", "in", ref("oa_base.group_oa_document_clerk").ids),
            ],
            limit=1,
        )
        self.assertIn(clerk, self._todo_users(incoming))

        self.start_tour("/odoo", "oa_document_tour_phone_receipt", login=clerk.login)
        unit_leader = ref("oa_base.user_huhaitao_demo")
        self.assertRecordValues(
            incoming,
            [
                {
                    "state": "proposed",
                    "received_by_id": clerk.id,
                    "proposed_by_id": clerk.id,
                    "leader_id": unit_leader.id,
                    "proposal": "拟请胡总阅示,由人力资源部郭婷承办。",
                }
            ],
        )
        self.assertIn("收", incoming.receipt_number)
        self.assertEqual(self._todo_users(incoming), unit_leader)

        # 批办, 承办, 办结, 归档 by their actors: the archived receipt
        handler = ref("oa_base.user_guoting_demo")
        lead = incoming.with_user(unit_leader)
        lead.write({"handler_ids": [(6, 0, handler.ids)]})
        lead.action_instruct("请郭婷办理。")
        incoming.with_user(handler).action_start()
        incoming.with_user(handler).write({"feedback": "已办理。"})
        incoming.with_user(handler).action_finish()
        incoming.with_user(clerk).action_archive_incoming()
        self.assertEqual(incoming.state, "archived")
        self.start_tour(
            f"/odoo/action-oa_document.oa_document_incoming_action/{incoming.id}",
            "oa_document_tour_phone_archived",
            login=clerk.login,
        )

    def test_leader_reviews(self):
        doc = self._submitted_document(REVIEW_TITLE)
        reviewer = self._actor(doc)
        self.assertIn(reviewer, self._todo_users(doc))

        self.start_tour("/odoo", "oa_document_tour_phone_review", login=reviewer.login)
        self.assertEqual(doc.state, "check")
        review = doc.sudo().step_ids.filtered(lambda s: s.step_type == "review")
        self.assertEqual(review.comment, "同意,请办公室核稿。")
        self.assertEqual(review.acted_by_id, reviewer)
        self.assertNotIn(reviewer, self._todo_users(doc))
