# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
import logging
from datetime import timedelta
from urllib.parse import urlsplit

import requests

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

ALLOWED_HOSTS_PARAM = "oa_document.webhook_allowed_hosts"
MAX_TIMEOUT = 30  # seconds: a slow receiver never holds a worker longer
MAX_ATTEMPTS = 5
BATCH = 50


class OaDocumentWebhook(models.Model):
    """Outbound notification of a unit's key document events to a business
    system (与业务系统集成): a JSON POST, signed with HMAC-SHA256 of the
    body under the shared secret (header ``X-OA-Signature: sha256=<hex>``;
    the secret itself never travels), queued in the transaction and sent
    after it commits by a scheduled action, with retries."""

    _name = "oa.document.webhook"
    _description = "Document Webhook"

    name = fields.Char(required=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        domain=[("is_oa_unit", "=", True)],
        help="Events of documents issued by this unit and its sub-units.",
    )
    url = fields.Char(
        string="URL",
        required=True,
        help="http or https, on a host the project group allowed (settings).",
    )
    secret = fields.Char(
        string="Shared Secret",
        help="Key of the HMAC-SHA256 signature sent in the X-OA-Signature header; "
        "the secret itself is never sent.",
        groups="oa_base.group_oa_unit_admin",
    )
    on_signed = fields.Boolean(string="On Sign-off", default=True)
    on_distributed = fields.Boolean(string="On Distribution", default=True)
    active = fields.Boolean(default=True)
    timeout = fields.Integer(default=10, help="Seconds (at most 30).")
    delivery_ids = fields.One2many(
        "oa.document.webhook.delivery", "webhook_id", string="Deliveries"
    )

    @api.constrains("url")
    def _check_url(self):
        for hook in self:
            error = hook._url_error(hook.url)
            if error:
                raise ValidationError(error)

    @api.constrains("timeout")
    def _check_timeout(self):
        for hook in self:
            if not 1 <= hook.timeout <= MAX_TIMEOUT:
                raise ValidationError(
                    self.env._(
                        "Timeout: between 1 and %(max)s seconds.", max=MAX_TIMEOUT
                    )
                )

    # ---- CRUD: a webhook stays in a unit its author manages (Odoo checks
    # the create rule after creating, but the write rule only before) ----

    def write(self, vals):
        res = super().write(vals)
        if "unit_id" in vals and not self.env.su:
            self.check_access("write")
        return res

    # ---- Business methods ----

    @api.model
    def _allowed_hosts(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param(ALLOWED_HOSTS_PARAM) or ""
        )
        return {host.strip().lower() for host in value.split(",") if host.strip()}

    def _url_error(self, url):
        """Why ``url`` may not be called (translated), or False."""
        parts = urlsplit(url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return self.env._("URL: only http:// or https:// addresses are allowed.")
        if parts.hostname.lower() not in self._allowed_hosts():
            return self.env._(
                "URL: the host %(host)s is not allowed; the project group lists the "
                "allowed hosts in the settings.",
                host=parts.hostname,
            )
        return False

    def _enqueue(self, event, payload):
        """Queue one delivery per webhook; the scheduled action sends them
        once this transaction committed (a rolled-back transition notifies
        nobody, and the signer's request never waits for a receiver)."""
        body = json.dumps(
            {"event": event, "documents": payload}, ensure_ascii=False, default=str
        )
        self.env["oa.document.webhook.delivery"].sudo().create(
            [{"webhook_id": hook.id, "event": event, "body": body} for hook in self]
        )
        self.env.ref("oa_document.ir_cron_oa_webhook_deliver").sudo()._trigger()


class OaDocumentWebhookDelivery(models.Model):
    """One event to deliver to one webhook: the queue and the delivery log."""

    _name = "oa.document.webhook.delivery"
    _inherit = "oa.flow.guard"
    # the queue's record of what was sent: written by the distribution and
    # the cron only
    _oa_flow_fields = "__all__"
    _description = "Webhook Delivery"
    _order = "id desc"

    webhook_id = fields.Many2one(
        "oa.document.webhook", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(related="webhook_id.unit_id", store=True)
    event = fields.Char(required=True)
    body = fields.Text(required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Delivered"), ("failed", "Failed")],
        required=True,
        default="pending",
        index=True,
    )
    attempts = fields.Integer(default=0)
    date_next = fields.Datetime(
        string="Next Attempt", default=fields.Datetime.now, index=True
    )
    date_done = fields.Datetime(string="Delivered On")
    response_status = fields.Integer(string="HTTP Status")
    last_error = fields.Text()

    @api.model
    def _cron_deliver(self):
        """Send the due deliveries (rows locked, skipped if another worker
        holds them)."""
        self.flush_model(["state", "date_next"])
        self.env.cr.execute(
            """
            SELECT id FROM oa_document_webhook_delivery
             WHERE state = 'pending' AND date_next <= %s
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
            """,
            [fields.Datetime.now(), BATCH],
        )
        deliveries = self.browse([row[0] for row in self.env.cr.fetchall()])
        for delivery in deliveries:
            delivery._deliver()

    def _signature(self, secret):
        digest = hmac.new(
            (secret or "").encode(), self.body.encode(), hashlib.sha256
        ).hexdigest()
        return f"sha256={digest}"

    def _deliver(self):
        self.ensure_one()
        hook = self.webhook_id.sudo()
        error = hook._url_error(hook.url)
        status = 0
        if not error:
            try:
                response = requests.post(
                    hook.url,
                    data=self.body.encode(),
                    headers={
                        "Content-Type": "application/json",
                        "X-OA-Event": self.event,
                        "X-OA-Delivery": str(self.id),
                        "X-OA-Signature": self._signature(hook.secret),
                    },
                    timeout=min(max(hook.timeout, 1), MAX_TIMEOUT),
                    allow_redirects=False,
                )
                status = response.status_code
                if not 200 <= status < 300:
                    error = f"HTTP {status}"
            except requests.RequestException as exc:
                error = str(exc)
        attempts = self.attempts + 1
        if not error:
            vals = {"state": "done", "date_done": fields.Datetime.now()}
        else:
            _logger.info("webhook delivery %s failed: %s", self.id, error)
            vals = {
                "state": "failed" if attempts >= MAX_ATTEMPTS else "pending",
                "date_next": fields.Datetime.now() + timedelta(minutes=2**attempts),
                "last_error": error,
            }
        self.write(dict(vals, attempts=attempts, response_status=status))
