# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.password_security.controllers.main import PasswordSecurityHome


class OaPasswordChangeHome(PasswordSecurityHome):
    """The forced password change (first login, or after someone else set the
    password) on Odoo's reset form: in the user's own language, saying why,
    with the rules before he types, and a confirmation once done."""

    def _oa_token_user(self, qcontext):
        token = qcontext.get("token")
        if not token or qcontext.get("invalid_token"):
            return request.env["res.users"]
        partner = (
            request.env["res.partner"].sudo()._signup_retrieve_partner(token) or None
        )
        users = partner.user_ids if partner else request.env["res.users"]
        return users[:1]

    def get_auth_signup_qcontext(self):
        qcontext = super().get_auth_signup_qcontext()
        user = self._oa_token_user(qcontext)
        if user and user.oa_password_change_required:
            if user.lang:
                request.update_context(lang=user.lang)
            qcontext["oa_must_change"] = True
            qcontext["oa_password_rules"] = user._oa_password_rule_lines()
        return qcontext

    @http.route()
    def web_auth_signup(self, *args, **kw):
        # Sign-up is by invitation only: password_security turns Odoo's 404
        # into a sign-up form showing "404 Not Found"; answer the 404.
        qcontext = self.get_auth_signup_qcontext()
        if not qcontext.get("token") and not qcontext.get("signup_enabled"):
            raise NotFound()
        return super().web_auth_signup(*args, **kw)

    def _signup_with_values(self, token, values):
        result = super()._signup_with_values(token, values)
        # auth_signup has opened the session with the new password; the form
        # then answers with web_login, which would open it a second time (a
        # second "Login successful", a second row in the audit trail)
        request.oa_session_opened = request.session.uid
        return result

    @http.route()
    def web_login(self, redirect=None, **kw):
        uid = getattr(request, "oa_session_opened", None)
        if uid and request.httprequest.method == "POST" and request.session.uid == uid:
            request.update_env(user=uid)
            request.params["login_success"] = True
            return request.redirect(self._login_redirect(uid, redirect=redirect))
        return super().web_login(redirect=redirect, **kw)

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        qcontext = self.get_auth_signup_qcontext()
        user = qcontext.get("oa_must_change") and self._oa_token_user(qcontext)
        response = super().web_auth_reset_password(*args, **kw)
        if (
            user
            and request.httprequest.method == "POST"
            and response.status_code in (301, 302, 303)
            and not user.sudo().oa_password_change_required
        ):
            return request.render(
                "oa_base.password_changed",
                {"oa_continue_url": response.location, "oa_user_name": user.name},
            )
        return response
