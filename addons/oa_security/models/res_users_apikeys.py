# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        # bearer routes check the key alone: a locked account's keys are
        # refused there too
        uid = super()._check_credentials(scope=scope, key=key)
        if uid and self.env["res.users"].sudo()._oa_is_locked(uid):
            return None
        return uid
