# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http, models
from odoo.exceptions import AccessDenied
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        """A session whose user must still change his initial password serves
        nothing: JSON requests are refused with the reason, pages send him back
        to the login (which leads to the change form), public pages are served
        as to a visitor.  Catches sessions opened before the flag was set, and
        any other way round ``/web/session/authenticate``."""
        super()._authenticate_explicit(auth)
        uid = request.session.uid
        if not uid or not request.db or auth not in ("user", "public", "none"):
            return
        user = request.env(user=uid)["res.users"].browse(uid)
        if not user.sudo().oa_password_change_required:
            return
        message = user._oa_password_change_message()
        request.session.logout(keep_db=True)
        if auth == "public":
            request.update_env(user=request.env.ref("base.public_user").id)
        if auth != "user":
            return
        if request.dispatcher.routing_type == "http":
            # back to the log-in, which leads to the change form
            raise http.SessionExpiredException(message)
        raise AccessDenied(message)
