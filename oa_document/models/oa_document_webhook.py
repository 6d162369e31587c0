# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

import requests

from odoo import fields, models

_logger = logging.getLogger(__name__)


class OaDocumentWebhook(models.Model):
    """Outbound notification of a unit's key document events to a business
    system (与业务系统集成): a JSON POST after the transaction commits."""

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
    url = fields.Char(string="URL", required=True)
    secret = fields.Char(
        string="Shared Secret",
        help="Sent in the X-OA-Secret header so that the receiver can check it.",
        groups="oa_base.group_oa_unit_admin",
    )
    on_signed = fields.Boolean(string="On Sign-off", default=True)
    on_distributed = fields.Boolean(string="On Distribution", default=True)
    active = fields.Boolean(default=True)
    timeout = fields.Integer(default=10, help="Seconds.")

    def _send(self, event, documents):
        payload = {"event": event, "documents": documents._api_state()}
        body = json.dumps(payload, ensure_ascii=False, default=str)
        targets = [
            (hook.url, hook.sudo().secret or "", hook.timeout or 10) for hook in self
        ]

        def post():
            for url, secret, timeout in targets:
                try:
                    requests.post(
                        url,
                        data=body.encode(),
                        headers={
                            "Content-Type": "application/json",
                            "X-OA-Event": event,
                            "X-OA-Secret": secret,
                        },
                        timeout=timeout,
                    )
                except requests.RequestException as error:
                    _logger.warning("webhook %s failed: %s", url, error)

        # after commit: a rolled-back transition notifies nobody
        self.env.cr.postcommit.add(post)
