# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http, models
from odoo.exceptions import AccessDenied
from odoo.http import request

# the session key holding the session token under which the user was last
# found without a required password change
CHECKED_KEY = "oa_password_checked"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        """A session whose user must still change his initial password serves
        nothing: JSON requests are refused with the reason, pages send him back
        to the login (which leads to the change form), public pages are served
        as to a visitor.  Catches sessions opened before the flag was set, and
        any other way round ``/web/session/authenticate``.

        The flag is part of the session token (``res.users``), which Odoo
        checks first on every request: once a token was seen with the flag
        off, the same token proves it still is, and the user's row is not
        read again (it was one read per request)."""
        session = request.session
        opened = session.uid
        try:
            super()._authenticate_explicit(auth)
        except http.SessionExpiredException:
            # the token no longer validates: say why when it is the flag
            if (
                auth == "user"
                and opened
                and request.db
                and not session.uid
                and cls._oa_must_change_password(opened)
            ):
                cls._oa_refuse_password_change(opened)
            raise
        uid = session.uid
        if not uid or not request.db or auth not in ("user", "public", "none"):
            return
        token = session.session_token
        if token and session.get(CHECKED_KEY) == token:
            return
        if not cls._oa_must_change_password(uid):
            session[CHECKED_KEY] = token
            return
        session.logout(keep_db=True)
        if auth == "public":
            request.update_env(user=request.env.ref("base.public_user").id)
        if auth == "user":
            cls._oa_refuse_password_change(uid)

    @classmethod
    def _oa_refuse_password_change(cls, uid):
        """Refuse the request of user ``uid``, who must change his password:
        a page goes back to the login (which leads to the change form), JSON
        gets the reason."""
        user = request.env(user=uid)["res.users"].browse(uid)
        message = user._oa_password_change_message()
        if request.dispatcher.routing_type == "http":
            raise http.SessionExpiredException(message)
        raise AccessDenied(message)

    @classmethod
    def _oa_must_change_password(cls, uid):
        return (
            request.env(user=uid)["res.users"]
            .browse(uid)
            .sudo()["oa_password_change_required"]
        )
