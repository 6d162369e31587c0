# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from odoo import api, http, models
from odoo.http import SessionExpiredException


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _auth_timeout_check(self):
        """An idle session is over for the request that finds it so (等保
        8.1.4.1 b): auth_session_timeout logs the session out but only
        returns the exception, and that request would still be served as
        the user.  It is refused (a page goes to the login form, an RPC gets
        "session expired"), the session is gone from the store, and the
        logout is a row of the audit trail, written whatever ends the
        request's transaction."""
        if self._oa_session_file_gone():
            # another request of the same session (the web client sends
            # several at once) found it idle and deleted it: it is over for
            # this one too, without auth_session_timeout's error log line
            http.request.session.logout(keep_db=True)
            raise SessionExpiredException("Session expired")
        expired = super()._auth_timeout_check()
        if isinstance(expired, SessionExpiredException) and http.request:
            Log = self.env["oa.audit.log"].sudo()
            Log._oa_log_refused(
                [Log._oa_row("logout", detail=self.env._("Idle session timed out"))]
            )
            # the logged out session is not saved on an error's path: its
            # file goes, or every next request would find it idle again
            http.root.session_store.delete(http.request.session)
            raise expired
        return expired

    @api.model
    def _oa_session_file_gone(self):
        """The request's logged-in session, under a timeout, has no file
        in the store any more."""
        request = http.request
        if not request or not request.session.uid:
            return False
        if self._auth_timeout_deadline_calculate() is False:
            return False
        store = http.root.session_store
        return not os.path.exists(store.get_session_filename(request.session.sid))
