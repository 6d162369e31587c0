# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Articles and manuscripts follow the suite's one attachment policy."""

from odoo import fields
from odoo.exceptions import ValidationError

from .manuscript_common import OaManuscriptCommon

MB = 1024 * 1024


class TestColumnsAttachmentPolicy(OaManuscriptCommon):
    def test_30_mb_article_attachment_refused(self):
        """The default limit (20 MB) holds for an article."""
        article = self._article(publish=False)
        with self.assertRaises(ValidationError) as error:
            self.env["ir.attachment"].with_user(self.admin_a1).create(
                {
                    "name": "视频资料.zip",
                    "raw": b"PK\x03\x04" + b"\0" * (30 * MB),
                    "res_model": "oa.article",
                    "res_id": article.id,
                }
            )
        self.assertIn("20 MB", str(error.exception))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "oa.article"), ("res_id", "=", article.id)]
            )
        )

    def test_types_of_articles_and_manuscripts(self):
        self.env["ir.config_parameter"].set_param(
            "oa_document.attachment_extensions", "pdf,txt"
        )
        article = self._article(publish=False)
        manuscript = self._manuscript()
        for record, user in ((article, self.admin_a1), (manuscript, self.staff_a)):
            with self.subTest(model=record._name):
                upload = (
                    self.env["ir.attachment"]
                    .with_user(user)
                    .create({"name": "run.exe", "raw": b"MZ"})
                )
                with self.assertRaises(ValidationError) as error:
                    record.with_user(user).write(
                        {"attachment_ids": [fields.Command.link(upload.id)]}
                    )
                self.assertIn("pdf, txt", str(error.exception))
                self.env.invalidate_all()
                self.assertFalse(record.sudo().attachment_ids)
                with self.assertRaises(ValidationError):
                    record.with_user(user).message_post(
                        body="附件", attachments=[("run.exe", b"MZ")]
                    )
                # an allowed file is fine
                record.with_user(user).message_post(
                    body="附件", attachments=[("说明.pdf", b"%PDF")]
                )
