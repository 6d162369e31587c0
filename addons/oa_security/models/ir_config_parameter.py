# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# values never written to the trail
SECRET_WORDS = ("secret", "password", "passwd", "token", "key")


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    def _oa_log_change(self, verb):
        Log = self.env["oa.audit.log"]
        for param in self:
            secret = any(word in param.key.lower() for word in SECRET_WORDS[:4]) or (
                param.key.lower().endswith("key")
            )
            value = "***" if secret else param.value
            Log._oa_log(
                "settings",
                record=param,
                record_name=param.key,
                detail=f"{verb}: {value}" if verb != "unlink" else verb,
            )

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        params._oa_log_change("create")
        return params

    def write(self, vals):
        res = super().write(vals)
        if {"key", "value"} & vals.keys():
            self._oa_log_change("write")
        return res

    def unlink(self):
        self._oa_log_change("unlink")
        return super().unlink()
