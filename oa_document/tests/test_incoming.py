# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestIncoming(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc = cls._draft(name="关于报送试运行情况的通知")
        cls.doc.with_user(cls.staff_a).action_submit()
        actors = {
            "review": cls.leader_a,
            "check": cls.clerk_a,
            "sign": cls.company_leader,
            "number": cls.clerk_a,
            "seal": cls.seal_a,
            "distribute": cls.clerk_a,
        }
        while cls.doc.state != "distributed":
            cls.doc.with_user(actors[cls.doc.state]).action_approve("同意")
        cls.incoming = cls.doc.incoming_ids.filtered(lambda i: i.unit_id == cls.unit_b)

    def test_full_incoming_flow(self):
        inc = self.incoming.with_user(self.clerk_b)
        self.assertRecordValues(
            inc,
            [
                {
                    "state": "to_receive",
                    "name": self.doc.name,
                    "document_number": self.doc.number,
                    "issuing_unit_id": self.unit_a.id,
                    "recipient_type": "main",
                }
            ],
        )
        inc.action_receive()
        year = datetime.now().year
        self.assertRecordValues(
            inc,
            [
                {
                    "state": "registered",
                    "received_by_id": self.clerk_b.id,
                    "receipt_number": f"乙收〔{year}〕1号",
                }
            ],
        )
        inc.write({"leader_id": self.leader_b.id})
        inc.action_propose("拟请主管领导阅示")
        self.assertEqual(inc.state, "proposed")
        self.assertEqual(inc.activity_ids.user_id, self.leader_b)
        lead = self.incoming.with_user(self.leader_b)
        lead.write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        lead.action_instruct("请人力资源部办理")
        self.assertRecordValues(
            self.incoming,
            [{"proposal": "拟请主管领导阅示", "instruction": "请人力资源部办理"}],
        )
        handler = self.incoming.with_user(self.staff_b)
        handler.action_start()
        handler.write({"feedback": "已按要求报送"})
        handler.action_finish()
        self.assertRecordValues(
            self.incoming, [{"state": "done", "feedback": "已按要求报送"}]
        )
        self.assertTrue(self.incoming.date_done)
        inc.action_archive_incoming()
        self.assertEqual(self.incoming.state, "archived")
        # the sender sees who received and the state of the handling
        receipts = self.doc.with_user(self.staff_a)._api_state()[0]["receipts"]
        by_unit = {r["unit"]: r for r in receipts}
        self.assertEqual(by_unit["测试单位乙"]["state"], "archived")
        self.assertTrue(by_unit["测试单位乙"]["received_on"])
        self.assertEqual(by_unit["测试单位丙"]["state"], "to_receive")

    def test_only_receiving_clerk_receives(self):
        for user in (self.staff_b, self.clerk_a, self.leader_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.incoming.with_user(user).action_receive()
        self.assertEqual(self.incoming.state, "to_receive")

    def test_wrong_state_refused(self):
        with self.assertRaises(UserError):
            self.incoming.with_user(self.clerk_b).action_propose()
        with self.assertRaises(UserError):
            self.incoming.with_user(self.clerk_b).action_archive_incoming()
        self.assertEqual(self.incoming.state, "to_receive")

    def test_proposal_needs_text_and_leader(self):
        inc = self.incoming.with_user(self.clerk_b)
        inc.action_receive()
        # the unit's leader in charge is proposed by default; without one
        inc.write({"leader_id": False})
        with self.assertRaises(UserError):
            inc.action_propose()
        self.assertEqual(inc.state, "registered")

    def test_instruction_only_by_chosen_leader(self):
        inc = self.incoming.with_user(self.clerk_b)
        inc.action_receive()
        inc.write({"leader_id": self.leader_b.id})
        inc.action_propose("拟办")
        self.incoming.sudo().write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        with self.assertRaises(AccessError):
            self.incoming.with_user(self.clerk_b).action_instruct("办理")
        self.assertEqual(self.incoming.state, "proposed")

    def test_finish_needs_feedback(self):
        self.incoming.sudo().write(
            {"state": "handling", "handler_ids": [(6, 0, self.staff_b.ids)]}
        )
        with self.assertRaises(UserError):
            self.incoming.with_user(self.staff_b).action_finish()
        self.assertEqual(self.incoming.state, "handling")

    def test_proxy_of_leader_instructs(self):
        inc = self.incoming.with_user(self.clerk_b)
        inc.action_receive()
        inc.write({"leader_id": self.leader_b.id})
        inc.action_propose("拟办")
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": self.leader_b.id,
                "proxy_user_id": self.admin_b.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )
        acting = self.incoming.with_user(self.admin_b)
        acting.write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        acting.action_instruct("代为批办")
        self.assertRecordValues(
            self.incoming,
            [
                {
                    "state": "instructed",
                    "last_action_by_id": self.admin_b.id,
                    "last_action_for_id": self.leader_b.id,
                }
            ],
        )

    def test_paper_copy_first_never_moves_the_flow(self):
        self.incoming.with_user(self.clerk_b).action_record_paper_received()
        self.assertRecordValues(
            self.incoming,
            [{"state": "to_receive", "paper_received": True, "receipt_number": False}],
        )
        self.assertTrue(self.incoming.paper_received_date)
