# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from odoo import api, models
from odoo.exceptions import ValidationError

GUARDED_MODELS = ("oa.document", "oa.document.incoming", "oa.supervision")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments._oa_check_limits()
        return attachments

    def _oa_check_limits(self):
        """Size and type limits of document attachments (settings)."""
        guarded = self.filtered(lambda a: a.res_model in GUARDED_MODELS)
        if not guarded:
            return
        params = self.env["ir.config_parameter"].sudo()
        max_mb = float(params.get_param("oa_document.attachment_max_mb", 20) or 0)
        allowed = {
            ext.strip().lower().lstrip(".")
            for ext in (
                params.get_param("oa_document.attachment_extensions") or ""
            ).split(",")
            if ext.strip()
        }
        for att in guarded:
            ext = os.path.splitext(att.name or "")[1].lower().lstrip(".")
            if allowed and ext not in allowed:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is not allowed: document attachments must be of "
                        "type %(types)s.",
                        name=att.name,
                        types=", ".join(sorted(allowed)),
                    )
                )
            if max_mb and att.file_size > max_mb * 1024 * 1024:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is %(size).1f MB: document attachments may not "
                        "exceed %(max)s MB.",
                        name=att.name,
                        size=att.file_size / 1024 / 1024,
                        max=max_mb,
                    )
                )
