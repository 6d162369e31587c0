# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One attachment policy (types, size) for every record of the suite."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OaBaseCommon

MB = 1024 * 1024


@tagged("post_install", "-at_install")
class TestAttachmentPolicy(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        params.set_param("oa_document.attachment_extensions", "pdf,.DOCX")
        params.set_param("oa_document.attachment_max_mb", 1)
        cls.window = (
            cls.env["oa.proxy"]
            .with_user(cls.staff_a)
            .create(
                {
                    "user_id": cls.staff_a.id,
                    "proxy_user_id": cls.admin_a1.id,
                    "date_from": fields.Datetime.now() + timedelta(days=1),
                    "date_to": fields.Datetime.now() + timedelta(days=3),
                }
            )
        )
        cls.Attachment = cls.env["ir.attachment"]

    def _create(self, env, name, size=4, **vals):
        return env["ir.attachment"].create(
            {
                "name": name,
                "raw": b"%PDF" + b"0" * (size - 4),
                "res_model": "oa.proxy",
                "res_id": self.window.id,
                **vals,
            }
        )

    def assertRefusedWithRule(self, call):
        count = self.Attachment.search_count([])
        with self.assertRaises(ValidationError) as error:
            call()
        message = str(error.exception)
        self.assertIn("docx, pdf", message)
        self.assertIn("1 MB", message)
        self.assertEqual(self.Attachment.search_count([]), count)

    def test_type_and_size_on_a_suite_record(self):
        for env in (self.env(user=self.staff_a), self.env):  # the superuser too
            with self.subTest(su=env.su):
                self.assertRefusedWithRule(lambda env=env: self._create(env, "a.exe"))
                self.assertRefusedWithRule(
                    lambda env=env: self._create(env, "大.pdf", size=2 * MB)
                )
        ok = self._create(self.env(user=self.staff_a), "说明.PDF")
        with self.assertRaises(ValidationError):
            ok.with_user(self.staff_a).write({"raw": b"0" * (2 * MB)})
        with self.assertRaises(ValidationError):
            ok.with_user(self.staff_a).write({"name": "说明.exe"})
        self.env.invalidate_all()
        self.assertEqual(ok.sudo().name, "说明.PDF")
        self.assertEqual(ok.sudo().file_size, 4)

    def test_repointed_or_linked_to_a_suite_record(self):
        loose = self.Attachment.with_user(self.staff_a).create(
            {"name": "setup.exe", "raw": b"MZ"}
        )
        with self.assertRaises(ValidationError):
            loose._oa_check_attachable(self.window)
        with self.assertRaises(ValidationError):
            loose.with_user(self.staff_a).write(
                {"res_model": "oa.proxy", "res_id": self.window.id}
            )
        self.env.invalidate_all()
        self.assertFalse(loose.sudo().res_model)

    def test_other_models_and_no_limits(self):
        # not a suite record: untouched
        self.assertTrue(
            self._create(
                self.env, "tool.exe", 2 * MB, res_model="res.partner", res_id=1
            )
        )
        # emptied settings: any type, any size
        params = self.env["ir.config_parameter"]
        params.set_param("oa_document.attachment_extensions", False)
        params.set_param("oa_document.attachment_max_mb", 0)
        self.assertTrue(self._create(self.env(user=self.staff_a), "a.exe", 2 * MB))
