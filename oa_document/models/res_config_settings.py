# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_attachment_max_mb = fields.Integer(
        string="Maximum Attachment Size (MB)",
        config_parameter="oa_document.attachment_max_mb",
        default=20,
    )
    oa_attachment_extensions = fields.Char(
        string="Allowed Attachment Types",
        config_parameter="oa_document.attachment_extensions",
        help="Comma-separated file extensions, e.g. pdf,docx,xlsx,ofd,jpg,png.",
    )
    oa_supervision_remind_days = fields.Integer(
        string="Remind Days Before Deadline",
        config_parameter="oa_document.supervision_remind_days",
        default=2,
    )
    oa_webhook_allowed_hosts = fields.Char(
        string="Webhook Allowed Hosts",
        config_parameter="oa_document.webhook_allowed_hosts",
        help="Comma-separated host names the webhooks may call.",
    )
