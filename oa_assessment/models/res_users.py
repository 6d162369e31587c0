# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class ResUsers(models.Model):
    _inherit = "res.users"

    def _update_last_login(self):
        """Where Odoo records the last login, record the visit (上线).  A
        login whose password must be changed first is no sign-in: the
        session is closed at once for the change form, and the login that
        follows the change is the visit."""
        res = super()._update_last_login()
        if self.sudo().oa_password_change_required:
            return res
        session = request.session if request else None
        self.env["oa.visit"]._oa_login(self.id, session)
        return res
