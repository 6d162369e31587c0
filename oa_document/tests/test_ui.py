# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDocumentTour(HttpCase):
    """The whole flow in the browser, each step by its own demo user, who
    first finds the record in his to-do: a drafter submits, a leader reviews
    and the company leader signs off with their opinions; once the office has
    numbered, sealed and distributed it, the receiving unit's clerk signs for
    it and proposes its handling, the leader instructs, the handler handles
    it and the clerk archives it."""

    def setUp(self):
        super().setUp()
        # the demo users have chosen their own passwords (oa_base refuses a
        # log-in over RPC, as the tour helper does, until they have)
        self.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def _todo_users(self, record):
        """The users who have the record in their to-do (activities)."""
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", record._name), ("res_id", "=", record.id)])
            .user_id
        )

    def _assert_handed_over(self, record, actor, next_users):
        todo = self._todo_users(record)
        self.assertNotIn(actor, todo, "the actor's to-do is done")
        self.assertTrue(next_users)
        self.assertLessEqual(next_users, todo, "the next actors have it to do")

    def _office_steps(self, doc, until):
        """The office's steps (check, number, seal, distribute), by RPC."""
        while doc.state not in until:
            actor = doc.sudo().current_step_ids.user_ids.filtered(
                lambda u, d=doc: d.with_user(u).can_act
            )[:1]
            doc.with_user(actor).action_approve("同意")

    def _step(self, doc, step_type):
        return doc.sudo().step_ids.filtered(lambda s: s.step_type == step_type)

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

        # 审核: the leader in charge, from his to-do
        leader = doc.sudo().current_step_ids.user_ids[:1]
        self.assertIn(leader, self._todo_users(doc))
        self.start_tour("/odoo", "oa_document_tour_leader", login=leader.login)
        self.assertEqual(doc.state, "check")
        self.assertEqual(self._step(doc, "review").comment, "同意,请办公室核稿。")
        self._assert_handed_over(doc, leader, doc.sudo().current_step_ids.user_ids)

        # 核稿 by the office, then 签发 by the company leader, from his to-do
        self._office_steps(doc, ("sign",))
        signer = doc.sudo().current_step_ids.user_ids.filtered(
            lambda u: doc.with_user(u).can_act
        )[:1]
        self.assertIn(signer, self._todo_users(doc))
        self.start_tour("/odoo", "oa_document_tour_sign", login=signer.login)
        self.assertEqual(doc.state, "number")
        self.assertEqual(self._step(doc, "sign").comment, "同意签发。")
        self._assert_handed_over(doc, signer, doc.sudo().current_step_ids.user_ids)

        # 编号, 用印, 分发 by the office
        self._office_steps(doc, ("distributed",))

        incoming = doc.incoming_ids
        clerks = self.env["res.users"].search(
            [
                ("oa_unit_id", "=", incoming.unit_id.id),
                ("groups_id", "in", ref("oa_base.group_oa_document_clerk").ids),
            ]
        )
        clerk = clerks[:1]
        self.assertIn(clerk, self._todo_users(incoming))

        # 签收
        self.start_tour("/odoo", "oa_document_tour_clerk_receive", login=clerk.login)
        self.assertEqual(incoming.state, "registered")
        self.assertIn("收", incoming.receipt_number)
        self.assertEqual(incoming.received_by_id, clerk)
        # the clerks keep it to do: they propose its handling next
        self.assertIn(clerk, self._todo_users(incoming))

        # 拟办 to the leader in charge of the unit
        unit_leader = ref("oa_base.user_huhaitao_demo")
        self.start_tour("/odoo", "oa_document_tour_clerk_propose", login=clerk.login)
        self.assertEqual(incoming.state, "proposed")
        self.assertEqual(incoming.leader_id, unit_leader)
        self.assertEqual(incoming.proposal, "拟请胡总阅示,由人力资源部郭婷承办。")
        self.assertEqual(incoming.proposed_by_id, clerk)
        self._assert_handed_over(incoming, clerk, unit_leader)

        # 批办: the handler and the instruction
        handler = ref("oa_base.user_guoting_demo")
        self.start_tour(
            "/odoo", "oa_document_tour_leader_instruct", login=unit_leader.login
        )
        self.assertEqual(incoming.state, "instructed")
        self.assertEqual(incoming.handler_ids, handler)
        self.assertEqual(incoming.instruction, "请郭婷抓紧落实,月底前反馈。")
        self.assertEqual(incoming.instructed_by_id, unit_leader)
        self._assert_handed_over(incoming, unit_leader, handler)

        # 承办 and 办结 with the result
        self.start_tour("/odoo", "oa_document_tour_handler", login=handler.login)
        self.assertEqual(incoming.state, "done")
        self.assertEqual(incoming.feedback, "已组织部门学习并落实。")
        self.assertEqual(incoming.started_by_id, handler)
        self.assertEqual(incoming.done_by_id, handler)
        self._assert_handed_over(incoming, handler, clerks)

        # 归档
        self.start_tour("/odoo", "oa_document_tour_clerk_archive", login=clerk.login)
        self.assertEqual(incoming.state, "archived")
        self.assertEqual(incoming.archived_by_id, clerk)
        self.assertFalse(self._todo_users(incoming), "nobody has it to do any more")
