# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.modules.registry import Registry

from odoo.addons.web.controllers.session import Session


class OaSession(Session):
    @http.route()
    def authenticate(self, db, login, password, base_location=None):
        """The mobile app's log-in: a user who must still change his initial
        password gets no session, only the reason."""
        result = super().authenticate(db, login, password, base_location)
        uid = request.session.uid
        if uid:
            with Registry(db).cursor() as cr:
                user = api.Environment(cr, uid, {})["res.users"].browse(uid)
                must_change = user.sudo().oa_password_change_required
                message = must_change and user._oa_password_change_message()
            if must_change:
                request.session.logout(keep_db=True)
                raise AccessDenied(message)
        return result


class OaPassword(http.Controller):
    @http.route(
        "/oa/password/change",
        type="json",
        auth="none",
        csrf=False,
        methods=["POST"],
    )
    def oa_password_change(self, login, old_password, new_password, db=None):
        """The one thing a user who must change his initial password may do
        over RPC: change it (login and old password, no session)."""
        db = db or request.db
        if not db or not all(
            isinstance(value, str) and value
            for value in (login, old_password, new_password)
        ):
            raise UserError(
                request.env._("Give db, login, old_password and new_password as text.")
            )
        registry = Registry(db)
        credential = {"login": login, "password": old_password, "type": "password"}
        auth_info = registry["res.users"].authenticate(
            db, credential, {"interactive": True}
        )
        with registry.cursor() as cr:
            env = api.Environment(cr, auth_info["uid"], {})
            env["res.users"].change_password(old_password, new_password)
        return True
