# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestButtons(OaDocumentCommon):
    """Buttons only for those who may press them; no Delete for a document
    in flow; after each action, who holds the document now."""

    def _can(self, record, user, field):
        record.invalidate_recordset()
        return record.with_user(user)[field]

    def test_submit_and_delete_only_for_the_drafter_of_a_draft(self):
        doc = self._draft()
        self.assertTrue(self._can(doc, self.staff_a, "oa_can_submit"))
        self.assertTrue(self._can(doc, self.staff_a, "oa_can_delete"))
        doc.with_user(self.staff_a).action_submit()
        self.assertFalse(self._can(doc, self.staff_a, "oa_can_submit"))
        self.assertFalse(self._can(doc, self.staff_a, "oa_can_delete"))
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).unlink()

    def test_form_has_no_delete_in_its_action_menu(self):
        arch = self.env["oa.document"].get_view(view_type="form")["arch"]
        form = etree.fromstring(arch)
        self.assertEqual(form.get("delete"), "0")
        self.assertTrue(form.xpath("//button[@name='action_delete_draft']"))

    def test_delete_draft_button(self):
        doc = self._draft()
        action = doc.with_user(self.staff_a).action_delete_draft()
        self.assertEqual(action["res_model"], "oa.document")
        self.assertFalse(doc.exists())

    def test_approve_only_for_the_actor(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertTrue(self._can(doc, self.leader_a, "can_act"))
        self.assertFalse(self._can(doc, self.staff_a, "can_act"))
        self.assertFalse(self._can(doc, self.clerk_a, "can_act"))

    def test_archive_and_paper_buttons(self):
        doc = self._run_until(self._draft(), "distributed")
        self.assertTrue(self._can(doc, self.clerk_a, "oa_can_archive"))
        self.assertTrue(self._can(doc, self.staff_a, "oa_can_archive"))
        self.assertFalse(self._can(doc, self.leader_b, "oa_can_archive"))
        self.assertTrue(self._can(doc, self.clerk_a, "oa_can_record_paper"))
        self.assertFalse(self._can(doc, self.leader_b, "oa_can_record_paper"))

    def test_notice_says_who_holds_the_document_now(self):
        doc = self._draft()
        action = doc.with_user(self.staff_a).action_submit()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(self.leader_a.name, action["params"]["message"])
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        action = doc.with_user(self.leader_a).action_approve("同意")
        for user in doc.current_step_ids.user_ids:
            self.assertIn(user.name, action["params"]["message"])
        self.assertNotIn(self.leader_a.name, action["params"]["message"])

    def test_return_wizard_closes_and_tells(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        wizard = (
            self.env["oa.document.return.wizard"]
            .with_user(self.leader_a)
            .create({"document_id": doc.id, "target": "0", "reason": "请修改"})
        )
        action = wizard.action_return()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(self.staff_a.name, action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )

    def test_incoming_buttons_and_notice(self):
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        self.assertTrue(self._can(inc, self.clerk_b, "oa_can_act"))
        self.assertTrue(self._can(inc, self.clerk_b, "oa_can_record_paper"))
        self.assertFalse(self._can(inc, self.staff_b, "oa_can_act"))
        self.assertFalse(self._can(inc, self.leader_b, "oa_can_act"))
        action = inc.with_user(self.clerk_b).action_receive()
        self.assertIn(self.clerk_b.name, action["params"]["message"])
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        action = inc.with_user(self.clerk_b).action_propose("请乙领导批示")
        self.assertIn(self.leader_b.name, action["params"]["message"])
        self.assertTrue(self._can(inc, self.leader_b, "oa_can_act"))
        self.assertFalse(self._can(inc, self.clerk_b, "oa_can_act"))
