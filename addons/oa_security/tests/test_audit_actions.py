# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.3 a: what users do through buttons, exports and the API is in
the trail — flow transitions (by whom, for whom, on what, refused or done),
exports of the list view and of the assessment's finance sheet, API writes,
saved settings — and the chain still holds."""

import io
import json
from datetime import datetime, timedelta

import openpyxl

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import PASSWORD, OaSecurityHttpCommon

DEMO_PASSWORD = "Oa@123456"
MUTE = ("odoo.http", "odoo.addons.web.controllers.export")
FINANCE_XLSX = "oa_assessment.report_assessment_finance_xlsx"


@tagged("post_install", "-at_install")
class TestAuditActions(OaSecurityHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo people have chosen their passwords (oa_base refuses every
        # JSON request of a session that must still change it)
        cls.env["res.users"].search(
            [("oa_password_change_required", "=", True)]
        ).oa_password_change_required = False

    def setUp(self):
        super().setUp()
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM oa_audit_log")
        self.since = self.env.cr.fetchone()[0]

    # ---- helpers ----

    def new_rows(self, action, **domain):
        """The trail's rows of ``action`` written since the test began."""
        self.env.invalidate_all()
        return self.env["oa.audit.log"].search(
            [("id", ">", self.since), ("action", "=", action)]
            + [(key, "=", value) for key, value in domain.items()],
            order="id",
        )

    def assertChainHolds(self):
        self.assertFalse(self.env["oa.audit.log"]._oa_check_chain()[1])

    def call_button(self, model, method, ids, **kwargs):
        """/web/dataset/call_button as the web client's button does;
        returns (result, error message)."""
        res = self.url_open(
            "/web/dataset/call_button",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": [ids],
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in res:
            return None, res["error"]["data"]["message"]
        return res["result"], None

    def execute_kw(self, user, secret, model, method, args, kwargs=None):
        return self.jsonrpc(
            "object",
            "execute_kw",
            self.env.cr.dbname,
            user.id,
            secret,
            model,
            method,
            args,
            kwargs or {},
        )

    def needs(self, model):
        if model not in self.env:
            self.skipTest(f"{model} is not installed")

    def proxy(self, principal, proxy):
        """``proxy`` acts for ``principal`` from an hour ago to tomorrow."""
        now = datetime.now()
        return self.env["oa.proxy"].create(
            {
                "user_id": principal.id,
                "proxy_user_id": proxy.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )

    def colleague_of(self, unit, exclude):
        """An internal user of ``unit`` (a demo one) who holds no 三员 duty
        and none of ``exclude``."""
        return unit.oa_user_ids.filtered(
            lambda u: u not in exclude and not u.share and not u._oa_duties()
        )[:1]

    def demo_receipt(self):
        self.needs("oa.document.incoming")
        receipt = self.env["oa.document.incoming"].search(
            [("state", "=", "to_receive")], limit=1
        )
        if not receipt:
            self.skipTest("no demo receipt waiting to be received")
        return receipt

    # ---- flow transitions ----

    def test_receipt_signed_for_by_a_proxy(self):
        """A receipt signed for (签收) over the web client's button by the
        proxy of the unit's clerk: one flow row, his, for the clerk."""
        receipt = self.demo_receipt()
        clerk = receipt._allowed_users("clerk")[:1]
        stand_in = self.colleague_of(receipt.unit_id, receipt._allowed_users("clerk"))
        self.assertTrue(clerk and stand_in)
        self.proxy(clerk, stand_in)
        self.authenticate(stand_in.login, DEMO_PASSWORD)
        result, error = self.call_button(
            "oa.document.incoming", "action_receive", [receipt.id]
        )
        self.assertIsNone(error)
        self.assertEqual(receipt.state, "registered")
        flow = self.new_rows("flow")
        self.assertEqual(len(flow), 1)
        self.assertRecordValues(
            flow,
            [
                {
                    "login": stand_in.login,
                    "user_id": stand_in.id,
                    "on_behalf_login": clerk.login,
                    "model": "oa.document.incoming",
                    "res_id": receipt.id,
                    "record_name": receipt.display_name,
                    "result": "success",
                    "ip": "127.0.0.1",
                }
            ],
        )
        self.assertTrue(flow.detail.startswith("action_receive"))
        self.assertIn("registered", flow.detail)
        self.assertChainHolds()

    def test_document_approved_by_a_proxy(self):
        """A document's step done by the proxy of its reviewer: the step's
        on-behalf is the row's."""
        self.needs("oa.document")
        doc = self.env["oa.document"].search([("state", "=", "review")], limit=1)
        if not doc:
            self.skipTest("no demo document under review")
        reviewer = doc.current_step_ids.user_ids[:1]
        stand_in = self.colleague_of(
            doc.issuing_unit_id, doc.current_step_ids.user_ids | doc.drafter_id
        )
        self.assertTrue(reviewer and stand_in)
        self.proxy(reviewer, stand_in)
        self.assertTrue(doc.with_user(stand_in).can_act)
        self.authenticate(stand_in.login, DEMO_PASSWORD)
        result, error = self.call_button(
            "oa.document", "action_approve", [doc.id], opinion="代为审核"
        )
        self.assertIsNone(error)
        self.assertNotEqual(doc.state, "review")
        flow = self.new_rows("flow")
        self.assertEqual(len(flow), 1)
        self.assertRecordValues(
            flow,
            [
                {
                    "login": stand_in.login,
                    "on_behalf_login": reviewer.login,
                    "model": "oa.document",
                    "res_id": doc.id,
                    "result": "success",
                }
            ],
        )
        self.assertEqual(flow.detail, f"action_approve → {doc.state}")
        self.assertChainHolds()

    def test_refused_transition(self):
        """Someone who may not sign for the receipt: one refused row, written
        although the request is rolled back, and no success."""
        receipt = self.demo_receipt()
        self.authenticate("sec_colleague", PASSWORD)
        with mute_logger(*MUTE):
            result, error = self.call_button(
                "oa.document.incoming", "action_receive", [receipt.id]
            )
        self.assertTrue(error)
        self.assertEqual(receipt.state, "to_receive")
        flow = self.new_rows("flow")
        self.assertRecordValues(
            flow,
            [
                {
                    "login": "sec_colleague",
                    "on_behalf_login": False,
                    "model": "oa.document.incoming",
                    "res_id": receipt.id,
                    "record_name": receipt.display_name,
                    "result": "refused",
                }
            ],
        )
        self.assertIn(error, flow.detail)
        self.assertChainHolds()

    def test_transition_over_jsonrpc(self):
        """A transition asked over JSON-RPC is a flow row and an API row,
        written by one INSERT."""
        receipt = self.demo_receipt()
        clerk = receipt._allowed_users("clerk")[:1]
        # an integration's key (his password may need two factors)
        key = (
            self.env["res.users.apikeys"]
            .with_user(clerk)
            ._generate(None, "integration", fields.Datetime.now() + timedelta(days=1))
        )
        result, error = self.execute_kw(
            clerk,
            key,
            "oa.document.incoming",
            "action_receive",
            [[receipt.id]],
        )
        self.assertIsNone(error)
        self.assertEqual(receipt.state, "registered")
        flow, api = self.new_rows("flow"), self.new_rows("api")
        self.assertRecordValues(
            flow,
            [
                {
                    "login": clerk.login,
                    "on_behalf_login": False,
                    "res_id": receipt.id,
                    "result": "success",
                    "ip": "127.0.0.1",
                }
            ],
        )
        self.assertRecordValues(
            api,
            [
                {
                    "login": clerk.login,
                    "model": "oa.document.incoming",
                    "res_id": receipt.id,
                    "result": "success",
                }
            ],
        )
        self.assertEqual(api.id, flow.id + 1)
        self.assertChainHolds()

    # ---- API calls ----

    def test_api_writes_recorded_reads_not(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.colleague)
            ._generate(None, "integration", fields.Datetime.now() + timedelta(days=1))
        )
        # reads, by API key and by password: nothing
        for secret in (key, PASSWORD):
            for method, args, kwargs in (
                (
                    "search_read",
                    [[("id", "=", self.colleague.id)]],
                    {"fields": ["login"]},
                ),
                ("read", [[self.colleague.id], ["login"]], {}),
                ("fields_get", [], {"attributes": ["type"]}),
            ):
                result, error = self.execute_kw(
                    self.colleague, secret, "res.users", method, args, kwargs
                )
                self.assertIsNone(error)
        self.assertFalse(self.new_rows("api"))
        # a write by API key
        result, error = self.execute_kw(
            self.colleague,
            key,
            "res.users",
            "write",
            [[self.colleague.id], {"signature": "<p>接口</p>"}],
        )
        self.assertIsNone(error)
        api = self.new_rows("api")
        self.assertRecordValues(
            api,
            [
                {
                    "login": "sec_colleague",
                    "model": "res.users",
                    "res_id": self.colleague.id,
                    "result": "success",
                    "ip": "127.0.0.1",
                }
            ],
        )
        self.assertIn("write", api.detail)
        self.assertIn("signature", api.detail)
        self.assertNotIn("接口", api.detail)  # names, never values
        # a refused write, by password: recorded after its rollback
        with mute_logger(*MUTE):
            result, error = self.execute_kw(
                self.colleague,
                PASSWORD,
                "res.users",
                "write",
                [[self.victim.id], {"name": "renamed"}],
            )
        self.assertTrue(error)
        self.assertEqual(self.victim.name, "sec_victim")
        refused = self.new_rows("api", result="refused")
        self.assertRecordValues(
            refused,
            [{"login": "sec_colleague", "res_id": self.victim.id}],
        )
        self.assertEqual(len(self.new_rows("api")), 2)
        self.assertChainHolds()

    # ---- exports ----

    def export(self, route, model, ids, names, groupby=None):
        return self.url_open(
            route,
            data={
                "data": json.dumps(
                    {
                        "model": model,
                        "fields": [
                            {
                                "name": n,
                                "label": n,
                                "type": self.env[model]._fields[n].type,
                            }
                            for n in names
                        ],
                        "ids": ids,
                        "domain": [],
                        "groupby": groupby or [],
                        "import_compat": False,
                        "context": {},
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_list_exports(self):
        self.colleague.groups_id += self.env.ref("base.group_allow_export")
        users = self.colleague | self.victim | self.auditor
        self.authenticate("sec_colleague", PASSWORD)
        # xlsx, grouped: one export_data per group (three), one row
        res = self.export(
            "/web/export/xlsx", "res.users", users.ids, ["login", "name"], ["login"]
        )
        self.assertEqual(res.status_code, 200)
        # csv
        res = self.export("/web/export/csv", "res.users", self.victim.ids, ["login"])
        self.assertEqual(res.status_code, 200)
        xlsx, csv = self.new_rows("export", login="sec_colleague")
        self.assertEqual(
            (xlsx.model, xlsx.res_id, xlsx.result), ("res.users", 0, "success")
        )
        self.assertTrue(xlsx.detail.startswith("3 "))
        self.assertIn("login, name", xlsx.detail)
        self.assertEqual((csv.res_id, csv.result), (self.victim.id, "success"))
        self.assertTrue(csv.detail.startswith("1 "))
        # a user without the right to export: refused, and recorded
        self.authenticate("sec_victim", PASSWORD)
        with mute_logger(*MUTE):
            res = self.export("/web/export/xlsx", "res.users", users.ids, ["login"])
        self.assertNotEqual(res.status_code, 200)
        refused = self.new_rows("export", login="sec_victim")
        self.assertEqual((refused.model, refused.result), ("res.users", "refused"))
        self.assertChainHolds()

    def test_assessment_finance_xlsx(self):
        self.needs("oa.assessment.export.wizard")
        finance = new_test_user(
            self.env, login="sec_finance", groups="oa_base.group_oa_finance"
        )
        wizard = (
            self.env["oa.assessment.export.wizard"]
            .with_user(finance)
            .create({"month": "2025-03-01"})
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(finance)
            ._render_xlsx(FINANCE_XLSX, wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        self.env.cr.flush()  # the commit's INSERT
        export = self.new_rows("export", login="sec_finance")
        self.assertRecordValues(
            export,
            [
                {
                    "model": "oa.assessment.export.wizard",
                    "record_name": FINANCE_XLSX,
                    "result": "success",
                }
            ],
        )
        rows = openpyxl.load_workbook(io.BytesIO(content)).active.max_row
        self.assertTrue(export.detail.startswith(f"{rows} "))
        self.assertIn("month=2025-03-01", export.detail)
        # refused to a plain user (caught, as oa_assessment's download route
        # does: the transaction commits with the refusal's row)
        try:
            self.env["ir.actions.report"].with_user(self.victim)._render_xlsx(
                FINANCE_XLSX, [], {"month": "2025-03-01"}
            )
        except AccessError:
            pass
        else:
            self.fail("the finance sheet was given to a plain user")
        self.env.cr.flush()
        refused = self.new_rows("export", login="sec_victim")
        self.assertEqual(refused.result, "refused")
        self.assertChainHolds()

    # ---- settings ----

    def test_settings_saved(self):
        self.env["res.config.settings"].with_user(self.sysadmin).create(
            {"oa_lockout_minutes": 41}
        ).execute()
        self.env.cr.flush()
        saved = self.new_rows("settings", model="res.config.settings")
        self.assertEqual(len(saved), 1)
        self.assertEqual(saved.login, "sec_sysadmin")
        self.assertIn("oa_lockout_minutes=41", saved.detail)
        self.assertNotIn("oa_lockout_window_minutes", saved.detail)
        self.assertChainHolds()
