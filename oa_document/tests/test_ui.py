# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDocumentTour(HttpCase):
    """A drafter submits, a leader approves, and — once the office has
    numbered, sealed and distributed it — a receiving clerk signs for it."""

    def setUp(self):
        super().setUp()
        # the demo users have chosen their own passwords (oa_base refuses a
        # log-in over RPC, as the tour helper does, until they have)
        self.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def test_draft_to_receipt(self):
        ref = self.env.ref
        drafter = ref("oa_base.user_liufang_demo")
        doc = (
            self.env["oa.document"]
            .with_user(drafter)
            .create(
                {
                    "name": "关于启用协同办公系统的通知(界面测试)",
                    "issuing_unit_id": ref("oa_base.oa_unit_office_demo").id,
                    "main_unit_ids": [(6, 0, ref("oa_base.oa_unit_hr_demo").ids)],
                    "body": "<p>自4月1日起试运行。</p>",
                }
            )
        )
        url = f"/odoo/action-oa_document.oa_document_action_my/{doc.id}"
        self.start_tour(url, "oa_document_tour_drafter", login=drafter.login)
        self.assertEqual(doc.state, "review")

        leader = doc.current_step_ids.user_ids[:1]
        self.start_tour(
            url.replace("action_my", "action_todo"),
            "oa_document_tour_leader",
            login=leader.login,
        )
        self.assertEqual(doc.state, "check")
        review = doc.sudo().step_ids.filtered(lambda s: s.step_type == "review")
        self.assertEqual(review.comment, "同意,请办公室核稿。")

        # the office checks, signs, numbers, seals and distributes
        while doc.state != "distributed":
            actor = doc.sudo().current_step_ids.user_ids.filtered(
                lambda u, d=doc: d.with_user(u).can_act
            )[:1]
            doc.with_user(actor).action_approve("同意")

        incoming = doc.incoming_ids
        clerk = self.env["res.users"].search(
            [
                ("oa_unit_id", "=", incoming.unit_id.id),
                ("groups_id", "in", ref("oa_base.group_oa_document_clerk").ids),
            ],
            limit=1,
        )
        self.start_tour(
            f"/odoo/action-oa_document.oa_document_incoming_action/{incoming.id}",
            "oa_document_tour_clerk_receive",
            login=clerk.login,
        )
        self.assertEqual(incoming.state, "registered")
        self.assertIn("收", incoming.receipt_number)
