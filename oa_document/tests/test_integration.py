# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestAttachmentLimits(OaDocumentCommon):
    def _attach(self, name, size):
        doc = self._draft()
        return (
            self.env["ir.attachment"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": name,
                    "raw": b"x" * size,
                    "res_model": "oa.document",
                    "res_id": doc.id,
                }
            )
        )

    def test_allowed_file(self):
        self.assertTrue(self._attach("试运行方案.pdf", 1024))

    def test_disallowed_type_refused(self):
        with self.assertRaises(ValidationError) as error:
            self._attach("setup.exe", 1024)
        self.assertIn("not allowed", str(error.exception))
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "setup.exe")]))

    def test_oversized_file_refused(self):
        self.env["ir.config_parameter"].set_param("oa_document.attachment_max_mb", 1)
        with self.assertRaises(ValidationError) as error:
            self._attach("大文件.pdf", 2 * 1024 * 1024)
        self.assertIn("may not exceed 1", str(error.exception))

    def test_other_models_unaffected(self):
        att = self.env["ir.attachment"].create(
            {"name": "tool.exe", "raw": b"x", "res_model": "res.partner", "res_id": 1}
        )
        self.assertTrue(att)


@tagged("post_install", "-at_install")
class TestFingerprintAndReport(OaDocumentCommon):
    def test_verify_wizard(self):
        doc = self._run_until(self._draft(), "distributed")
        Wizard = self.env["oa.document.verify.wizard"].with_user(self.staff_b)
        wizard = Wizard.create({"fingerprint": doc.fingerprint})
        wizard.action_verify()
        self.assertRecordValues(wizard, [{"result": "match", "document_id": doc.id}])
        wizard = Wizard.create({"fingerprint": "0" * 64})
        wizard.action_verify()
        self.assertEqual(wizard.result, "unknown")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE oa_document SET body = '<p>改</p>' WHERE id = %s", [doc.id]
        )
        self.env.invalidate_all()
        wizard = Wizard.create({"fingerprint": doc.fingerprint})
        wizard.action_verify()
        self.assertEqual(wizard.result, "changed")

    def test_fingerprint_covers_text_and_attachments(self):
        doc = self._draft()
        before = doc._compute_fingerprint()
        att = self.env["ir.attachment"].create(
            {
                "name": "附件.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "oa.document",
                "res_id": doc.id,
            }
        )
        doc.attachment_ids = att
        self.assertNotEqual(doc._compute_fingerprint(), before)

    def test_red_header_report(self):
        doc = self._run_until(self._draft(), "distributed")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("oa_document.report_oa_document", doc.ids)[0]
            .decode()
        )
        self.assertIn(doc.number, html)
        self.assertIn(doc.fingerprint, html)
        self.assertIn("测试单位甲", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertTrue(doc.fingerprint_qr_src().startswith("data:image/png;base64,"))


@tagged("post_install", "-at_install")
class TestApi(OaDocumentCommon):
    def test_create_and_query(self):
        Api = self.Document.with_user(self.staff_a)
        state = Api.api_create_draft(
            {
                "title": "业务系统推送的公文",
                "body": "<p>正文</p>",
                "main_units": ["测试单位乙"],
            }
        )
        self.assertEqual(state["state"], "draft")
        doc = self.Document.browse(state["id"])
        self.assertEqual(doc.main_unit_ids, self.unit_b)
        self.assertEqual(
            Api.api_get_state(ids=[doc.id])[0]["title"], "业务系统推送的公文"
        )

    def test_bad_input_refused(self):
        Api = self.Document.with_user(self.staff_a)
        for values in (
            {},
            {"body": "无标题"},
            {"title": "x", "colour": "red"},
            {"title": "x", "main_units": ["不存在的单位"]},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                Api.api_create_draft(values)
        with self.assertRaises(ValidationError):
            Api.api_create_draft({"title": "涉密", "classification": "secret"})
        with self.assertRaises(UserError):
            Api.api_get_state()
        # wrong types: a clear error naming the field, no traceback, no SQL
        for call, field in (
            (lambda: Api.api_get_state("abc"), "ids"),
            (lambda: Api.api_get_state([1.5]), "ids"),
            (lambda: Api.api_get_state(numbers=[12]), "numbers"),
            (lambda: Api.api_get_state({"x": 1}), "ids"),
            (lambda: Api.api_create_draft({"title": 12}), "title"),
            (lambda: Api.api_create_draft({"title": "x", "body": 3}), "body"),
            (lambda: Api.api_create_draft({"title": "x", "kind": "memo"}), "kind"),
            (
                lambda: Api.api_create_draft({"title": "x", "main_units": 12.5}),
                "main_units",
            ),
            (
                lambda: Api.api_create_draft({"title": "x", "main_units": [None]}),
                "main_units",
            ),
            (
                lambda: Api.api_create_draft({"title": "x", "copy_units": 999999}),
                "copy_units",
            ),
            (lambda: Api.api_create_draft(["title"]), "object"),
        ):
            with self.subTest(field=field), self.assertRaises(UserError) as error:
                call()
            self.assertIn(field, str(error.exception))

    def test_single_value_where_a_list_is_expected(self):
        Api = self.Document.with_user(self.staff_a)
        state = Api.api_create_draft({"title": "单个单位", "main_units": "测试单位乙"})
        doc = self.Document.browse(state["id"])
        self.assertEqual(doc.main_unit_ids, self.unit_b)
        state = Api.api_create_draft(
            {"title": "单个编号", "main_units": self.unit_c.id}
        )
        self.assertEqual(self.Document.browse(state["id"]).main_unit_ids, self.unit_c)
        self.assertEqual(Api.api_get_state(doc.id)[0]["id"], doc.id)

    def test_api_does_not_reveal_other_units_documents(self):
        doc = self._run_until(
            self._draft(copy_unit_ids=[(6, 0, self.unit_a_sub.ids)]), "distributed"
        )
        outsider = new_test_user(
            self.env,
            login="oa_outsider_api",
            groups="oa_base.group_oa_user",
            oa_unit_id=self.unit_c.id,
        )
        self.assertEqual(
            self.Document.with_user(outsider).api_get_state(ids=[doc.id]), []
        )
        self.assertEqual(
            self.Document.with_user(outsider).api_get_state(numbers=[doc.number]), []
        )
        # a receiving unit sees its own receipt only, the sender all of them
        self.env.invalidate_all()
        receipts = self.Document.with_user(self.staff_b).api_get_state(doc.id)[0][
            "receipts"
        ]
        self.assertEqual([r["unit"] for r in receipts], ["测试单位乙"])
        receipts = self.Document.with_user(self.staff_a).api_get_state(doc.id)[0][
            "receipts"
        ]
        self.assertEqual(len(receipts), 2)


@tagged("post_install", "-at_install")
class TestJsonRpcWithApiKey(HttpCase):
    def test_jsonrpc_with_api_key(self):
        user = self.env.ref("oa_base.user_wangjianguo_demo")
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(None, "业务系统", fields.Datetime.now() + timedelta(days=1))
        )

        def call(method, *args):
            payload = {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [
                        self.env.cr.dbname,
                        user.id,
                        key,
                        "oa.document",
                        method,
                        list(args),
                    ],
                },
            }
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
            return response.json()

        created = call(
            "api_create_draft",
            {"title": "接口创建的公文", "main_units": ["人力资源部"]},
        )
        self.assertEqual(created["result"]["state"], "draft", created)
        queried = call("api_get_state", [created["result"]["id"]])
        self.assertEqual(queried["result"][0]["title"], "接口创建的公文")
        key, good_key = "wrong-key", key
        with mute_logger("odoo.http", "odoo.addons.base.models.res_users"):
            denied = call("api_get_state", [created["result"]["id"]])
        self.assertIn("error", denied)
        self.assertNotEqual(key, good_key)
