# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's one attachment ownership rule, and no public file on the
suite's records."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import OaBaseCommon


@tagged("post_install", "-at_install")
class TestAttachmentRules(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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

    def _upload(self, user, **vals):
        return self.Attachment.with_user(user).create(
            {"name": "说明.pdf", "raw": b"%PDF", **vals}
        )

    def test_own_loose_upload_is_attachable_and_moved(self):
        upload = self._upload(self.staff_a, res_model="oa.proxy", res_id=0)
        upload._oa_check_attachable(self.window)
        upload._oa_attach_to(self.window)
        self.env.flush_all()
        self.env.invalidate_all()
        upload = upload.sudo()
        self.assertEqual(upload.res_model, "oa.proxy")
        self.assertEqual(upload.res_id, self.window.id)
        # already the record's: still fine
        upload.with_user(self.staff_a)._oa_check_attachable(self.window)

    def test_someone_elses_file_is_not_attachable(self):
        others = self._upload(self.staff_b)
        with self.assertRaises(AccessError):
            others.with_user(self.staff_a)._oa_check_attachable(self.window)
        linked = self.Attachment.create(  # the company's file
            {
                "name": "别处.pdf",
                "raw": b"%PDF",
                "res_model": "res.partner",
                "res_id": 1,
            }
        )
        with self.assertRaises(AccessError):
            linked.with_user(self.staff_a)._oa_check_attachable(self.window)

    def test_no_public_file_on_a_suite_record(self):
        with self.assertRaises(ValidationError):
            self._upload(
                self.staff_a, res_model="oa.proxy", res_id=self.window.id, public=True
            )
        mine = self._upload(self.staff_a, res_model="oa.proxy", res_id=self.window.id)
        with self.assertRaises(ValidationError):
            mine.with_user(self.staff_a).write({"public": True})
        self.env.invalidate_all()
        self.assertFalse(mine.sudo().public)
        # another model's public file stays possible
        self.assertTrue(self._upload(self.staff_a, public=True).sudo().public)
