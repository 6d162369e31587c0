# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
from unittest.mock import MagicMock, patch

import requests

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon

POST = "odoo.addons.oa_document.models.oa_document_webhook.requests.post"


def ok_response(status=200):
    response = MagicMock()
    response.status_code = status
    return response


@tagged("post_install", "-at_install")
class TestWebhook(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(
            "oa_document.webhook_allowed_hosts", "erp.example.com, 10.0.0.5"
        )
        cls.Hook = cls.env["oa.document.webhook"]
        cls.Delivery = cls.env["oa.document.webhook.delivery"]

    def _hook(self, unit=None, **vals):
        return self.Hook.create(
            {
                "name": "业务系统",
                "unit_id": (unit or self.unit_a).id,
                "url": "https://erp.example.com/oa",
                "secret": "s3cr3t",
                **vals,
            }
        )

    def test_signed_body_sent_after_commit_from_the_queue(self):
        self._hook()
        doc = self._draft()
        with patch(POST, return_value=ok_response()) as post:
            self._run_until(doc, "distributed")
            # nothing leaves inside the signer's request: it is queued
            self.assertFalse(post.called)
            deliveries = self.Delivery.search([], order="id")
            self.assertEqual(deliveries.mapped("event"), ["signed", "distributed"])
            self.assertEqual(set(deliveries.mapped("state")), {"pending"})
            # the scheduled action sends them
            self.Delivery._cron_deliver()
        self.assertEqual(post.call_count, 2)
        for call in post.call_args_list:
            headers, body = call.kwargs["headers"], call.kwargs["data"]
            expected = hmac.new(b"s3cr3t", body, hashlib.sha256).hexdigest()
            self.assertEqual(headers["X-OA-Signature"], f"sha256={expected}")
            self.assertNotIn("s3cr3t", json.dumps(headers))
            self.assertNotIn(b"s3cr3t", body)
            self.assertLessEqual(call.kwargs["timeout"], 30)
            self.assertFalse(call.kwargs["allow_redirects"])
        payload = json.loads(post.call_args_list[-1].kwargs["data"])
        self.assertEqual(payload["event"], "distributed")
        self.assertEqual(payload["documents"][0]["number"], doc.number)
        self.assertEqual(set(deliveries.mapped("state")), {"done"})
        self.assertEqual(deliveries.mapped("response_status"), [200, 200])

    def test_failed_delivery_retried_then_given_up(self):
        hook = self._hook()
        hook._enqueue("signed", [{"id": 1}])
        delivery = self.Delivery.search([("webhook_id", "=", hook.id)])
        with patch(POST, side_effect=requests.ConnectionError("refused")) as post:
            for _attempt in range(5):
                delivery.date_next = delivery.create_date
                self.Delivery._cron_deliver()
        self.assertEqual(post.call_count, 5)
        self.assertRecordValues(
            delivery, [{"state": "failed", "attempts": 5, "last_error": "refused"}]
        )
        with patch(POST) as post:
            self.Delivery._cron_deliver()
        self.assertFalse(post.called, "a failed delivery is not retried forever")

    def test_http_error_is_retried(self):
        hook = self._hook()
        hook._enqueue("signed", [{"id": 1}])
        with patch(POST, return_value=ok_response(500)):
            self.Delivery._cron_deliver()
        delivery = self.Delivery.search([("webhook_id", "=", hook.id)])
        self.assertRecordValues(
            delivery,
            [{"state": "pending", "attempts": 1, "last_error": "HTTP 500"}],
        )
        self.assertGreater(delivery.date_next, delivery.create_date)

    def test_only_allowed_hosts_and_http(self):
        for url in (
            "ftp://erp.example.com/x",
            "file:///etc/passwd",
            "http://169.254.169.254/latest",
            "https://evil.example.org/hook",
            "erp.example.com",
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                self._hook(url=url)
        self.assertTrue(self._hook(url="http://10.0.0.5:8080/hook"))

    def test_host_removed_from_settings_is_not_called(self):
        hook = self._hook()
        hook._enqueue("signed", [{"id": 1}])
        self.env["ir.config_parameter"].set_param(
            "oa_document.webhook_allowed_hosts", "10.0.0.5"
        )
        with patch(POST) as post:
            self.Delivery._cron_deliver()
        self.assertFalse(post.called)
        delivery = self.Delivery.search([("webhook_id", "=", hook.id)])
        self.assertIn("not allowed", delivery.last_error)

    def test_timeout_bounded(self):
        with self.assertRaises(ValidationError):
            self._hook(timeout=600)

    def test_other_units_hooks_not_called(self):
        self._hook(unit=self.unit_b)
        self._run_until(self._draft(), "distributed")
        self.assertFalse(self.Delivery.search([]))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_unit_admin_keeps_hooks_in_his_units(self):
        hook = self._hook(unit=self.unit_b)
        Hook = self.Hook.with_user(self.admin_b)
        own = Hook.create(
            {
                "name": "乙系统",
                "unit_id": self.unit_b.id,
                "url": "https://erp.example.com/b",
            }
        )
        with self.assertRaises(AccessError):
            own.write({"unit_id": self.unit_a.id})
        with self.assertRaises(AccessError):
            Hook.create(
                {
                    "name": "越权",
                    "unit_id": self.unit_a.id,
                    "url": "https://erp.example.com/a",
                }
            )
        with self.assertRaises(AccessError):
            self._hook().with_user(self.admin_b).write({"url": "https://10.0.0.5/x"})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(own.unit_id, self.unit_b)
        self.assertEqual(hook.unit_id, self.unit_b)
        # deliveries: read only, and only his units'
        hook._enqueue("signed", [{"id": 1}])
        self._hook()._enqueue("signed", [{"id": 2}])
        Delivery = self.Delivery.with_user(self.admin_b)
        self.assertEqual(Delivery.search([]).webhook_id, hook)
        with self.assertRaises(UserError):  # the flow guard, or the access rule
            Delivery.search([]).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.Delivery.with_user(self.staff_a).search([])
