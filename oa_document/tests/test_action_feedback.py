# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestActionFeedback(OaDocumentCommon):
    """Issue 19: each action says what it did and who holds the record now;
    who holds it is a field of documents, receipts and supervision items."""

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _proxy(self, user, proxy):
        now = datetime.now()
        return self.env["oa.proxy"].create(
            {
                "user_id": user.id,
                "proxy_user_id": proxy.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )

    def _bodies(self, doc):
        return doc.sudo().message_ids.mapped(lambda m: m.body or "")

    # ---- item 1: the notice and the chatter ----

    def test_document_notices_say_the_action_and_the_holder(self):
        doc = self._draft()
        notice = doc.with_user(self.staff_a).action_submit()
        self.assertEqual(notice["params"]["title"], "Submitted")
        self.assertIn(self.leader_a.name, notice["params"]["message"])
        self._run_until(doc, "sign")
        notice = doc.with_user(self.company_leader).action_approve("同意")
        self.assertEqual(notice["params"]["title"], "Signed off")
        self.assertIn(self.clerk_a.name, notice["params"]["message"])
        self._run_until(doc, "distributed")
        notice = doc.with_user(self.clerk_a).action_archive_document()
        self.assertEqual(notice["params"]["title"], "Archived")
        message = notice["params"]["message"]
        self.assertIn("the flow has ended", message)
        self.assertNotIn("held by", message)

    def test_return_says_to_whom_in_notice_and_chatter(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self._flush_tracking()
        notice = (
            doc.with_user(self.leader_a)
            .with_context(tracking_disable=False)
            .action_return(0, "请修改标题")
        )
        self.assertEqual(notice["params"]["title"], f"Returned to {self.staff_a.name}")
        self._flush_tracking()
        latest = doc.sudo().message_ids[0]
        self.assertIn(f"Returned to {self.staff_a.name}", latest.body)
        self.assertIn("请修改标题", latest.body)
        # the state change is that same message, never a bare "moved on"
        self.assertTrue(latest.tracking_value_ids)

    def test_return_wizard_keeps_the_action_title(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        wizard = (
            self.env["oa.document.return.wizard"]
            .with_user(self.leader_a)
            .with_context(default_document_id=doc.id)
            .create({"target": "0", "reason": "格式不对"})
        )
        notice = wizard.action_return()
        self.assertEqual(notice["params"]["title"], f"Returned to {self.staff_a.name}")

    def test_archive_is_logged_in_its_own_words(self):
        doc = self._run_until(self._draft(), "distributed")
        self._flush_tracking()
        doc.with_user(self.clerk_a).with_context(
            tracking_disable=False
        ).action_archive_document()
        self._flush_tracking()
        latest = doc.sudo().message_ids[0]
        self.assertIn(f"Archived by {self.clerk_a.name}", latest.body)

    def test_notice_names_the_proxy(self):
        doc = self._draft()
        self._proxy(self.leader_a, self.staff_c)
        notice = doc.with_user(self.staff_a).action_submit()
        self.assertIn(
            f"{self.leader_a.name} (proxy: {self.staff_c.name})",
            notice["params"]["message"],
        )

    def test_incoming_notices_and_archive(self):
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        notice = inc.with_user(self.clerk_b).action_receive()
        self.assertEqual(notice["params"]["title"], "Signed for")
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        notice = inc.with_user(self.clerk_b).action_propose("拟办")
        self.assertEqual(notice["params"]["title"], "Handling proposed")
        self.assertIn(self.leader_b.name, notice["params"]["message"])
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("办理")
        inc.with_user(self.staff_b).action_start()
        inc.with_user(self.staff_b).write({"feedback": "已报送"})
        notice = inc.with_user(self.staff_b).action_finish()
        self.assertEqual(notice["params"]["title"], "Handling finished")
        self._flush_tracking()
        notice = (
            inc.with_user(self.clerk_b)
            .with_context(tracking_disable=False)
            .action_archive_incoming()
        )
        self.assertEqual(notice["params"]["title"], "Archived")
        self.assertNotIn("held by", notice["params"]["message"])
        self.assertIn("the flow has ended", notice["params"]["message"])
        self._flush_tracking()
        self.assertIn(
            f"Archived by {self.clerk_b.name}", inc.sudo().message_ids[0].body
        )

    def _item(self):
        officer = new_test_user(
            self.env,
            login="oa_fb_officer",
            groups="oa_document.group_oa_supervisor",
            oa_unit_id=self.unit_a.id,
        )
        item = (
            self.env["oa.supervision"]
            .with_user(officer)
            .create(
                {
                    "name": "报送试运行情况",
                    "requirement": "按期报送",
                    "unit_id": self.unit_b.id,
                    "date_deadline": fields.Date.today() + timedelta(days=10),
                }
            )
        )
        return officer, item

    def test_supervision_notices(self):
        officer, item = self._item()
        responsible = item.sudo().responsible_id
        item.with_user(responsible).write({"feedback": "已完成"})
        notice = item.with_user(responsible).action_submit_feedback()
        self.assertEqual(notice["params"]["title"], "Feedback submitted")
        self.assertIn(officer.name, notice["params"]["message"])
        wizard = (
            self.env["oa.supervision.return.wizard"]
            .with_user(officer)
            .create({"supervision_id": item.id, "reason": "不完整"})
        )
        notice = wizard.action_confirm()
        self.assertEqual(
            notice["params"]["title"], f"Feedback returned to {responsible.name}"
        )
        item.with_user(responsible).action_submit_feedback()
        notice = item.with_user(officer).action_accept_feedback()
        self.assertEqual(notice["params"]["title"], "Feedback accepted")
        self.assertIn("the flow has ended", notice["params"]["message"])

    # ---- item 2: who holds it now, a searchable field ----

    def test_document_holders_field_and_search(self):
        doc = self._draft()
        other = self._draft(name="另一份公文")
        self.assertEqual(doc.holder_ids, self.staff_a)
        self._proxy(self.leader_a, self.staff_c)
        doc.with_user(self.staff_a).action_submit()
        self.env.invalidate_all()
        self.assertEqual(doc.sudo().holder_ids, self.leader_a | self.staff_c)
        self.assertEqual(
            doc.sudo().holder_display,
            f"{self.leader_a.name} (proxy: {self.staff_c.name})",
        )
        Docs = self.env["oa.document"].sudo()
        self.assertIn(doc, Docs.search([("holder_ids", "in", [self.leader_a.id])]))
        self.assertNotIn(other, Docs.search([("holder_ids", "in", [self.leader_a.id])]))
        self.assertIn(other, Docs.search([("holder_ids", "=", self.staff_a.id)]))
        self.assertNotIn(doc, Docs.search([("holder_ids", "=", self.staff_a.id)]))
        self.assertIn(doc, Docs.search([("holder_ids", "ilike", self.leader_a.name)]))
        self._run_until(doc, "distributed")
        doc.with_user(self.clerk_a).action_archive_document()
        self.env.invalidate_all()
        self.assertFalse(doc.sudo().holder_ids)
        self.assertEqual(doc.sudo().holder_display, "Nobody: the flow has ended")

    def test_incoming_and_supervision_holders(self):
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        self.assertIn(self.clerk_b, inc.sudo().holder_ids)
        Receipts = self.env["oa.document.incoming"].sudo()
        self.assertIn(inc, Receipts.search([("holder_ids", "in", self.clerk_b.ids)]))
        self.assertNotIn(
            inc, Receipts.search([("holder_ids", "in", self.leader_b.ids)])
        )
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        self.env.invalidate_all()
        self.assertEqual(inc.sudo().holder_ids, self.leader_b)
        self.assertIn(inc, Receipts.search([("holder_ids", "in", self.leader_b.ids)]))
        self.assertNotIn(inc, Receipts.search([("holder_ids", "in", self.clerk_b.ids)]))
        officer, item = self._item()
        responsible = item.sudo().responsible_id
        Items = self.env["oa.supervision"].sudo()
        self.assertEqual(item.sudo().holder_ids, responsible)
        self.assertIn(item, Items.search([("holder_ids", "in", responsible.ids)]))
        item.with_user(responsible).write({"feedback": "已完成"})
        item.with_user(responsible).action_submit_feedback()
        self.env.invalidate_all()
        self.assertEqual(item.sudo().holder_ids, officer)
        self.assertEqual(item.sudo().holder_display, officer.name)
        self.assertNotIn(item, Items.search([("holder_ids", "in", responsible.ids)]))

    def test_holders_computed_in_one_batch(self):
        docs = self._draft() | self._draft(name="二") | self._draft(name="三")
        for doc in docs:
            doc.with_user(self.staff_a).action_submit()

        def queries(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.sudo().mapped("holder_display")
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(docs[:1]), queries(docs))
