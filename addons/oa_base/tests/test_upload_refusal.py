# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A refused file says the rule in the upload itself (form widget, chatter),
not the web client's "上传错误 / 出现糟糕的事情", and nothing is stored."""

import io
import json

from odoo import http
from odoo.tests import HttpCase, tagged

from ..models.ir_attachment import EXTENSIONS_PARAM, MAX_MB_PARAM


@tagged("post_install", "-at_install")
class TestUploadRefusal(HttpCase):
    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("zh_CN")
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(MAX_MB_PARAM, "1")
        params.set_param(EXTENSIONS_PARAM, "pdf,docx,txt")
        admin = self.env.ref("base.user_admin")
        admin.lang = "zh_CN"
        self.window = self.env["oa.proxy"].create(
            {
                "user_id": admin.id,
                "proxy_user_id": self.env.ref("base.user_demo").id,
                "date_to": "2099-01-01 00:00:00",
            }
        )
        self.authenticate("admin", "admin")

    def stored(self):
        self.env.invalidate_all()
        return self.env["ir.attachment"].search_count(
            [("res_model", "=", "oa.proxy"), ("res_id", "in", [0, self.window.id])]
        )

    def post(self, url, name, size, **data):
        return self.url_open(
            url,
            data={"csrf_token": http.Request.csrf_token(self), **data},
            files={"ufile": (name, io.BytesIO(b"x" * size))},
        )

    def test_form_widget_says_the_rule(self):
        reply = self.post(
            "/web/binary/upload_attachment",
            "方案.pdf",
            2 * 1024 * 1024,
            model="oa.proxy",
            id=str(self.window.id),
        )
        [answer] = json.loads(reply.text)
        self.assertIn("不得超过 1 MB", answer["error"])
        self.assertIn("文件类型限于 docx, pdf, txt", answer["error"])
        reply = self.post(
            "/web/binary/upload_attachment",
            "脚本.exe",
            10,
            model="oa.proxy",
            id=str(self.window.id),
        )
        self.assertIn("不允许", json.loads(reply.text)[0]["error"])
        self.assertEqual(self.stored(), 0)
        # an allowed file goes through
        reply = self.post(
            "/web/binary/upload_attachment",
            "说明.txt",
            10,
            model="oa.proxy",
            id=str(self.window.id),
        )
        self.assertTrue(json.loads(reply.text)[0].get("id"))

    def test_chatter_says_the_rule(self):
        reply = self.post(
            "/mail/attachment/upload",
            "方案.pdf",
            2 * 1024 * 1024,
            thread_id=str(self.window.id),
            thread_model="oa.proxy",
        )
        self.assertEqual(reply.status_code, 200)
        self.assertIn("不得超过 1 MB", reply.json()["error"])
        self.assertEqual(self.stored(), 0)
