# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaDocumentCommon

# what another addon (oa_training) says about a blocked user
REASON = "测试原因:尚未通过考试"


@tagged("post_install", "-at_install")
class TestFlowBlock(OaDocumentCommon):
    """A user whom ``res.users._oa_flow_block_reason`` stops reads what he
    could read but acts nowhere in the flows: every action is refused with
    the reason, and nothing moves."""

    @contextmanager
    def blocked(self, *users):
        ids = {user.id for user in users}

        def reason(user):
            user.ensure_one()
            return REASON if user.id in ids else False

        with patch.object(type(self.env["res.users"]), "_oa_flow_block_reason", reason):
            yield

    @contextmanager
    def refused(self, *users):
        with self.blocked(*users), self.assertRaisesRegex(UserError, REASON):
            yield

    def fresh(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo()

    # ---- outgoing ----

    def test_not_blocked_without_a_reason(self):
        doc = self._draft()
        self.assertFalse(doc.with_user(self.staff_a).oa_flow_block_message)
        self._run_until(doc, "distributed")
        self.assertEqual(self.fresh(doc).state, "distributed")

    def test_drafting_allowed_submit_refused(self):
        with self.blocked(self.staff_a):
            doc = self._draft()
            doc.with_user(self.staff_a).write({"name": "修改后的标题"})
            # reading is never blocked; the form says why he cannot act
            shown = doc.with_user(self.staff_a)
            self.assertEqual(shown.read(["name"])[0]["name"], "修改后的标题")
            self.assertIn(REASON, shown.oa_flow_block_message)
        with self.refused(self.staff_a):
            doc.with_user(self.staff_a).action_submit()
        self.assertRecordValues(self.fresh(doc), [{"state": "draft", "step_ids": []}])
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self.fresh(doc).state, "review")

    def test_every_step_refused(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != "distributed":
            state, actor = doc.state, actors[doc.state]
            pending = doc.sudo().current_step_ids
            with self.subTest(step=state):
                with self.refused(actor):
                    doc.with_user(actor).action_approve("同意")
                with self.refused(actor):
                    doc.with_user(actor).action_open_opinion_wizard()
                with self.refused(actor):
                    doc.with_user(actor).action_open_return_wizard()
                with self.refused(actor):
                    doc.with_user(actor).action_return(0, "请修改")
                doc = self.fresh(doc).with_env(self.env)
                self.assertEqual(doc.state, state)
                self.assertEqual(doc.current_step_ids, pending)
                self.assertEqual(set(pending.mapped("state")), {"pending"})
                self.assertFalse(doc.step_ids.filtered("acted_by_id") & pending)
            doc.with_user(actor).action_approve("同意")
        # after distribution: the paper copy and the archive
        with self.refused(self.staff_a):
            doc.with_user(self.staff_a).action_record_paper_sent()
        with self.refused(self.staff_a):
            doc.with_user(self.staff_a).action_archive_document()
        self.assertRecordValues(
            self.fresh(doc), [{"state": "distributed", "paper_sent": False}]
        )
        doc.with_user(self.staff_a).action_archive_document()
        self.assertEqual(self.fresh(doc).state, "archived")

    def test_superuser_not_blocked(self):
        doc = self._draft()
        with self.blocked(self.staff_a, self.leader_a):
            doc.with_user(self.staff_a).sudo().action_submit()
            doc.with_user(self.leader_a).sudo().action_approve("同意")
        self.assertEqual(self.fresh(doc).state, "check")

    def test_other_users_not_blocked(self):
        doc = self._draft()
        with self.blocked(self.leader_a):
            doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self.fresh(doc).state, "review")

    # ---- incoming ----

    def _distributed_receipt(self):
        doc = self._run_until(self._draft(), "distributed")
        return doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)

    def assert_receipt(self, inc, **values):
        self.assertRecordValues(self.fresh(inc), [values])

    def test_every_receipt_step_refused(self):
        inc = self._distributed_receipt()
        clerk, leader, handler = self.clerk_b, self.leader_b, self.staff_b
        with self.refused(clerk):
            inc.with_user(clerk).action_receive()
        with self.refused(clerk):
            inc.with_user(clerk).action_record_paper_received()
        self.assert_receipt(
            inc, state="to_receive", receipt_number=False, paper_received=False
        )
        inc.with_user(clerk).action_receive()
        # signed for: the unit's leader in charge is proposed by default; the
        # blocked clerk may not choose another
        with self.refused(clerk):
            inc.with_user(clerk).write({"leader_id": self.company_leader.id})
        self.assert_receipt(inc, state="registered", leader_id=leader.id)
        inc.with_user(clerk).write({"leader_id": leader.id})
        with self.refused(clerk):
            inc.with_user(clerk).action_open_opinion_wizard()
        with self.refused(clerk):
            inc.with_user(clerk).action_propose("拟请领导阅示")
        self.assert_receipt(inc, state="registered", proposal=False)
        inc.with_user(clerk).action_propose("拟请领导阅示")
        inc.with_user(leader).write({"handler_ids": [(6, 0, handler.ids)]})
        with self.refused(leader):
            inc.with_user(leader).action_instruct("请办理")
        self.assert_receipt(inc, state="proposed", instruction=False)
        inc.with_user(leader).action_instruct("请办理")
        with self.refused(handler):
            inc.with_user(handler).action_start()
        self.assert_receipt(inc, state="instructed")
        inc.with_user(handler).action_start()
        with self.refused(handler):
            inc.with_user(handler).write({"feedback": "已办理"})
        inc.with_user(handler).write({"feedback": "已办理"})
        with self.refused(handler):
            inc.with_user(handler).action_finish()
        self.assert_receipt(inc, state="handling")
        inc.with_user(handler).action_finish()
        with self.refused(clerk):
            inc.with_user(clerk).action_archive_incoming()
        self.assert_receipt(inc, state="done")
        inc.with_user(clerk).action_archive_incoming()
        self.assert_receipt(inc, state="archived")

    # ---- supervision ----

    def test_every_supervision_action_refused(self):
        Item = self.env["oa.supervision"]
        vals = {
            "name": "报送试运行情况",
            "requirement": "报送本单位试运行情况",
            "unit_id": self.unit_b.id,
            "date_deadline": date.today() + timedelta(days=30),
        }
        with self.refused(self.project_user):
            Item.with_user(self.project_user).create(vals)
        self.assertFalse(Item.search([("name", "=", "报送试运行情况")]))
        item = Item.with_user(self.project_user).create(vals)
        supervisor, responsible = self.project_user, self.leader_b
        with self.refused(supervisor):
            item.with_user(supervisor).write({"responsible_id": self.staff_b.id})
        with self.refused(supervisor):
            item.with_user(supervisor).write({"requirement": "改"})
        with self.refused(responsible):
            item.with_user(responsible).write({"feedback": "已报送"})
        self.assertRecordValues(
            self.fresh(item),
            [{"responsible_id": responsible.id, "feedback": False, "state": "open"}],
        )
        item.with_user(responsible).write({"feedback": "已报送"})
        with self.refused(responsible):
            item.with_user(responsible).action_submit_feedback()
        self.assertEqual(self.fresh(item).state, "open")
        item.with_user(responsible).action_submit_feedback()
        new_deadline = date.today() + timedelta(days=40)
        with self.refused(supervisor):
            item.with_user(supervisor).action_accept_feedback()
        with self.refused(supervisor):
            item.with_user(supervisor).action_open_return_wizard()
        with self.refused(supervisor):
            item.with_user(supervisor)._action_return_feedback("不完整")
        with self.refused(supervisor):
            item.with_user(supervisor)._action_change_deadline(new_deadline, "延期")
        self.assertRecordValues(
            self.fresh(item),
            [
                {
                    "state": "submitted",
                    "return_count": 0,
                    "date_deadline": vals["date_deadline"],
                }
            ],
        )
        item.with_user(supervisor).action_accept_feedback()
        self.assertEqual(self.fresh(item).state, "closed")
