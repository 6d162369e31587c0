# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reproductions of the trust-boundary issue on official documents:
prints are reads, a file attached before the first save is the document's,
flow to-dos cannot be dismissed, proxies reach supervision items, a receipt
to a sub-unit without a clerk goes to the nearest unit above with one,
``default_*`` keys never reach the flow fields."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .security_common import SecurityMixin

REPORT = "oa_document.report_oa_document"
REPORT_INCOMING = "oa_document.report_oa_document_incoming"


@tagged("post_install", "-at_install")
class TestTrustBoundary(SecurityMixin, OaDocumentCommon):
    # ---- prints are reads ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_print_of_an_unreadable_document_is_refused(self):
        doc = self._run_until(self._draft(), "distributed")
        Report = self.env["ir.actions.report"]
        unit_d = self.env["hr.department"].create({"name": "丁", "is_oa_unit": True})
        outsider = new_test_user(
            self.env,
            login="oa_tb_outsider",
            groups="oa_base.group_oa_user",
            oa_unit_id=unit_d.id,
        )
        self.assertFalse(
            self.Document.with_user(outsider).search([("id", "=", doc.id)])
        )
        with self.assertRefused(AccessError):
            Report.with_user(outsider)._render_qweb_pdf(REPORT, doc.ids)
        with self.assertRefused(AccessError):
            Report.with_user(outsider)._render_qweb_html(REPORT, doc.ids)
        incoming = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        for user in (self.staff_c, self.leader_c):
            with self.assertRefused(AccessError):
                Report.with_user(user)._render_qweb_pdf(REPORT_INCOMING, incoming.ids)
        # the drafter may print his own document
        html = Report.with_user(self.staff_a)._render_qweb_html(REPORT, doc.ids)[0]
        self.assertIn(doc.name, html.decode())

    # ---- a file attached before the first save ----

    def test_file_attached_before_the_first_save_is_the_documents(self):
        """The web client uploads a file of a new record with res_id 0; the
        reviewer of the draft must be able to open it."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": "方案.pdf",
                    "raw": b"%PDF-1.4 plan",
                    "res_model": "oa.document",
                    "res_id": 0,
                }
            )
        )
        doc = self._draft(attachment_ids=[(6, 0, upload.ids)])
        upload = self._fresh(upload)
        self.assertEqual((upload.res_model, upload.res_id), ("oa.document", doc.id))
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self._fresh(doc).state, "review")
        datas = upload.with_user(self.leader_a).read(["datas"])[0]["datas"]
        self.assertEqual(base64.b64decode(datas), b"%PDF-1.4 plan")
        # someone else's upload, even a loose one, is not his to attach
        other = (
            self.env["ir.attachment"]
            .with_user(self.staff_b)
            .create({"name": "别人的.pdf", "raw": b"%PDF", "res_model": "oa.document"})
        )
        with self.assertRefused(AccessError):
            self._draft(attachment_ids=[(6, 0, other.ids)])

    # ---- flow to-dos ----

    def _review_todo(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.env.flush_all()
        todo = self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.document"),
                ("res_id", "=", doc.id),
                ("user_id", "=", self.leader_a.id),
            ]
        )
        self.assertTrue(todo.oa_flow)
        return doc, todo

    def test_flow_todo_cannot_be_dismissed(self):
        doc, todo = self._review_todo()
        mine = todo.with_user(self.leader_a)
        for attempt in (
            mine.action_done,
            mine.action_feedback,
            mine.action_cancel,
            mine.action_snooze,
            mine.unlink,
            lambda: mine.write({"date_deadline": fields.Date.today() + timedelta(9)}),
            lambda: mine.write({"user_id": self.staff_a.id}),
        ):
            with self.subTest(attempt=attempt), self.assertRefused(UserError):
                attempt()
        todo = self._fresh(todo)
        self.assertTrue(todo.exists() and todo.active)
        self.assertEqual(todo.user_id, self.leader_a)
        with self.assertRefused(UserError):
            self.env["mail.activity"].with_user(self.staff_a).create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("oa.document"),
                    "res_id": doc.id,
                    "user_id": self.leader_a.id,
                    "summary": "伪造待办",
                    "oa_flow": True,
                }
            )
        # the step done, his to-do ends by itself (the row goes to the next
        # actor)
        doc.with_user(self.leader_a).action_approve("同意")
        self.env.flush_all()
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "oa.document"),
                    ("res_id", "=", doc.id),
                    ("user_id", "=", self.leader_a.id),
                ]
            )
        )

    # ---- default_* keys ----

    def test_default_keys_do_not_reach_flow_fields(self):
        doc = (
            self.Document.with_user(self.staff_a)
            .with_context(
                default_state="archived",
                default_number="集团办〔2020〕1号",
                default_signed_by_id=self.company_leader.id,
                default_date_signed="2020-01-01 00:00:00",
                default_drafter_id=self.staff_b.id,
            )
            .create(
                {
                    "name": "伪造",
                    "issuing_unit_id": self.unit_a.id,
                    "main_unit_ids": [(6, 0, self.unit_b.ids)],
                }
            )
        )
        doc = self._fresh(doc)
        self.assertEqual(doc.state, "draft")
        self.assertFalse(doc.number or doc.signed_by_id or doc.date_signed)
        self.assertEqual(doc.drafter_id, self.staff_a)

    # ---- proxies reach supervision ----

    def test_proxy_named_after_an_item_exists_gets_its_todo_and_can_read_it(self):
        officer = new_test_user(
            self.env,
            login="oa_tb_officer",
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
        self.assertEqual(item.responsible_id, self.leader_b)
        # a proxy of another unit, named afterwards
        self.env["oa.proxy"].with_user(self.leader_b).create(
            {
                "user_id": self.leader_b.id,
                "proxy_user_id": self.staff_c.id,
                "date_to": fields.Datetime.now() + timedelta(days=3),
            }
        )
        self.env.flush_all()
        todo = self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.supervision"),
                ("res_id", "=", item.id),
                ("user_id", "=", self.staff_c.id),
            ]
        )
        self.assertTrue(todo, "the proxy has the item's to-do")
        mine = item.with_user(self.staff_c)
        self.assertTrue(mine.read(["name"]))
        mine.write({"feedback": "已按期报送(代办)"})
        mine.action_submit_feedback()
        item = self._fresh(item)
        self.assertEqual(item.state, "submitted")
        self.assertEqual(item.feedback_by_id, self.leader_b)

    # ---- a receipt to a sub-unit without a clerk ----

    def test_receipt_of_a_sub_unit_without_clerk_goes_up(self):
        sub = self.env["hr.department"].create(
            {"name": "乙下属车间", "is_oa_unit": True, "parent_id": self.unit_b.id}
        )
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, sub.ids)], copy_unit_ids=[]),
            "distributed",
        )
        incoming = doc.incoming_ids.filtered(lambda i: i.unit_id == sub)
        self.assertTrue(incoming)
        self.assertIn(self.clerk_b, self._fresh(incoming).actor_ids)
        self.env.flush_all()
        self.assertTrue(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "oa.document.incoming"),
                    ("res_id", "=", incoming.id),
                    ("user_id", "=", self.clerk_b.id),
                ]
            )
        )
        incoming.with_user(self.clerk_b).action_receive()
        self.assertEqual(self._fresh(incoming).state, "registered")
        self.assertEqual(self._fresh(incoming).received_by_id, self.clerk_b)

    def test_handled_step_is_in_the_actors_done_list(self):
        """Handling his step completes the actor's to-do (archived with its
        done date, not deleted): the workbench's 已办 lists it."""
        doc, todo = self._review_todo()
        doc.with_user(self.leader_a).action_approve("同意")
        self.env.flush_all()
        Activity = self.env["mail.activity"].with_context(active_test=False)
        mine = Activity.search(
            [
                ("res_model", "=", "oa.document"),
                ("res_id", "=", doc.id),
                ("user_id", "=", self.leader_a.id),
            ]
        )
        self.assertEqual(len(mine), 1)
        self.assertFalse(mine.active)
        self.assertTrue(mine.date_done)
        # the next actor has his own, open to-do
        self.assertTrue(
            Activity.search(
                [
                    ("res_model", "=", "oa.document"),
                    ("res_id", "=", doc.id),
                    ("user_id", "=", self.clerk_a.id),
                    ("active", "=", True),
                ]
            )
        )
