# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attachment limits hold wherever an attachment becomes a document's, and
nobody reads the attachments of a record he cannot read."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .security_common import SecurityMixin


@tagged("post_install", "-at_install")
class TestAttachmentPaths(SecurityMixin, OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Attachment = cls.env["ir.attachment"]
        cls.doc = cls._draft(name="附件测试")

    def _loose(self, user, name="setup.exe", **vals):
        """An attachment of nobody's record: allowed, it is not guarded."""
        return self.Attachment.with_user(user).create(
            {"name": name, "raw": b"MZ\x90\x00", **vals}
        )

    def test_unlinked_exe_linked_through_attachment_ids(self):
        """The reproduced attack, with each x2many command."""
        exe = self._loose(self.staff_a)
        for command in ([(4, exe.id)], [(6, 0, exe.ids)]):
            with self.subTest(command=command), self.assertRefused(ValidationError):
                self.doc.with_user(self.staff_a).write({"attachment_ids": command})
        with self.assertRefused(ValidationError):
            self.doc.with_user(self.staff_a).write(
                {"attachment_ids": [(0, 0, {"name": "new.exe", "raw": b"MZ"})]}
            )
        self.assertFalse(self._fresh(self.doc).attachment_ids)
        with self.assertRefused(ValidationError):
            self._draft(attachment_ids=[(4, exe.id)])
        self.assertFalse(
            self.env["oa.document"].search([("attachment_ids", "in", exe.ids)])
        )

    def test_oversized_file_linked_through_attachment_ids(self):
        self.env["ir.config_parameter"].set_param("oa_document.attachment_max_mb", 1)
        big = self._loose(self.staff_a, "大文件.pdf", raw=b"x" * (2 * 1024 * 1024))
        with self.assertRefused(ValidationError):
            self.doc.with_user(self.staff_a).write({"attachment_ids": [(4, big.id)]})
        self.assertFalse(self._fresh(self.doc).attachment_ids)

    def test_allowed_file_linked_through_attachment_ids(self):
        pdf = self._loose(self.staff_a, "方案.pdf")
        self.doc.with_user(self.staff_a).write({"attachment_ids": [(4, pdf.id)]})
        self.assertEqual(self._fresh(self.doc).attachment_ids, pdf)

    def test_exe_repointed_to_a_document(self):
        exe = self._loose(self.staff_a)
        with self.assertRefused(ValidationError):
            exe.write({"res_model": "oa.document", "res_id": self.doc.id})
        self.assertFalse(self._fresh(exe).res_model)

    def test_attached_file_renamed_or_refilled(self):
        pdf = self.Attachment.with_user(self.staff_a).create(
            {
                "name": "方案.pdf",
                "raw": b"%PDF",
                "res_model": "oa.document",
                "res_id": self.doc.id,
            }
        )
        with self.assertRefused(ValidationError):
            pdf.with_user(self.staff_a).write({"name": "方案.exe"})
        self.env["ir.config_parameter"].set_param("oa_document.attachment_max_mb", 1)
        with self.assertRefused(ValidationError):
            pdf.with_user(self.staff_a).write({"raw": b"x" * (2 * 1024 * 1024)})
        self.assertEqual(self._fresh(pdf).name, "方案.pdf")
        self.assertEqual(self._fresh(pdf).file_size, 4)

    def test_document_attachment_never_public(self):
        with self.assertRefused(ValidationError):
            self.Attachment.with_user(self.staff_a).create(
                {
                    "name": "方案.pdf",
                    "raw": b"%PDF",
                    "res_model": "oa.document",
                    "res_id": self.doc.id,
                    "public": True,
                }
            )
        pdf = self.Attachment.with_user(self.staff_a).create(
            {
                "name": "方案.pdf",
                "raw": b"%PDF",
                "res_model": "oa.document",
                "res_id": self.doc.id,
            }
        )
        with self.assertRefused(ValidationError):
            pdf.with_user(self.staff_a).write({"public": True})
        self.assertFalse(self._fresh(pdf).public)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_cannot_link_what_one_cannot_read(self):
        # a draft of another unit's drafter: staff_a cannot read it
        other = self.Document.with_user(self.staff_b).create(
            {
                "name": "别人的草稿",
                "issuing_unit_id": self.staff_b.oa_unit_id.id,
                "main_unit_ids": [(6, 0, self.unit_c.ids)],
            }
        )
        secret = self.Attachment.create(
            {
                "name": "机要.pdf",
                "raw": b"%PDF",
                "res_model": "oa.document",
                "res_id": other.id,
            }
        )
        with self.assertRefused(AccessError):
            self.doc.with_user(self.staff_a).write({"attachment_ids": [(4, secret.id)]})
        self.assertFalse(self._fresh(self.doc).attachment_ids)

    # ---- chatter ----

    def test_message_post_attachments_checked(self):
        exe = self._loose(self.staff_a)
        pending = self._loose(
            self.staff_a, "pending.exe", res_model="mail.compose.message", res_id=0
        )
        doc = self.doc.with_user(self.staff_a)
        count = len(self._fresh(self.doc).message_ids)
        for kwargs in (
            {"attachment_ids": exe.ids},
            {"attachment_ids": pending.ids},
            {"attachments": [("run.exe", b"MZ")]},
        ):
            with self.subTest(kwargs=list(kwargs)), self.assertRefused(ValidationError):
                doc.message_post(body="附件", **kwargs)
        self.assertEqual(len(self._fresh(self.doc).message_ids), count)
        self.assertFalse(self._fresh(pending).res_id)
        doc.message_post(body="附件", attachments=[("说明.pdf", b"%PDF")])

    def _incoming_b(self):
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]),
            "distributed",
        )
        return doc.incoming_ids

    def _item_b(self):
        return (
            self.env["oa.supervision"]
            .with_user(self.project_user)
            .create(
                {
                    "name": "报送情况",
                    "requirement": "按期报送",
                    "unit_id": self.unit_b.id,
                    "date_deadline": fields.Date.today() + timedelta(days=5),
                }
            )
        )

    def test_chatter_of_incoming_and_supervision_checked(self):
        incoming = self._incoming_b()
        item = self._item_b()
        for record, user in ((incoming, self.clerk_b), (item, self.leader_b)):
            with self.subTest(model=record._name):
                with self.assertRefused(ValidationError):
                    record.with_user(user).message_post(
                        body="附件", attachments=[("run.exe", b"MZ")]
                    )
                exe = self._loose(user)
                with self.assertRefused(ValidationError):
                    record.with_user(user).message_post(
                        body="附件", attachment_ids=exe.ids
                    )
                with self.assertRefused(ValidationError):
                    exe.with_user(user).write(
                        {"res_model": record._name, "res_id": record.id}
                    )
                self.assertFalse(
                    self.Attachment.search(
                        [("res_model", "=", record._name), ("res_id", "=", record.id)]
                    )
                )

    # ---- reading ----

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_attachments_follow_their_record(self):
        """Attachments of a receipt of unit B and of an item of unit B:
        readable by unit B, not by a user of unit C (nor found by search)."""
        incoming = self._incoming_b()
        item = self._item_b()
        incoming.with_user(self.clerk_b).message_post(
            body="登记附件", attachments=[("登记单.pdf", b"%PDF-in")]
        )
        item.with_user(self.leader_b).message_post(
            body="反馈附件", attachments=[("整改报告.pdf", b"%PDF-sv")]
        )
        for record in (incoming, item):
            att = self.Attachment.search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)]
            )
            self.assertEqual(len(att), 1)
            with self.subTest(model=record._name):
                self.assertTrue(att.with_user(self.staff_b).datas)
                for user in (self.staff_c, self.leader_c, self.clerk_a):
                    if record == incoming and user == self.clerk_a:
                        continue  # the issuing unit follows its receipts
                    with self.assertRefused(AccessError):
                        att.with_user(user).read(["datas"])
                    self.assertFalse(
                        self.Attachment.with_user(user).search([("id", "=", att.id)])
                    )
                self.assertEqual(
                    base64.b64decode(att.datas),
                    b"%PDF-in" if record == incoming else b"%PDF-sv",
                )
