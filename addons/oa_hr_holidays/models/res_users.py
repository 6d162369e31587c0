# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    oa_default_proxy_id = fields.Many2one(
        "res.users",
        string="Standing Proxy",
        domain="[('share', '=', False), ('id', '!=', id)]",
        ondelete="set null",
        help="Proposed as your proxy (公文代办人) for the dates of each leave "
        "approved for you, unless you name another one on the request. You "
        "confirm each proposal with one click.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["oa_default_proxy_id"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["oa_default_proxy_id"]

    @api.constrains("oa_default_proxy_id")
    def _check_oa_default_proxy(self):
        for user in self.sudo().filtered("oa_default_proxy_id"):
            proxy = user.oa_default_proxy_id
            if proxy == user:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be his or her own standing proxy: choose "
                        "a colleague.",
                        user=user.name,
                    )
                )
            if proxy.share:
                raise ValidationError(
                    self.env._(
                        "The standing proxy must be an internal user; %(user)s is not.",
                        user=proxy.name,
                    )
                )
