# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The TOTP enrolment a user who must use two factors goes through after his
password (等保 8.1.4.1 d).  His session is a partial one (``pre_uid``, no
``uid``: Odoo's MFA step), so this page is the only one that serves him."""

import base64
import os
import re

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.auth_totp.controllers.home import Home
from odoo.addons.auth_totp.models.totp import TOTP_SECRET_SIZE

from ..models.res_users import TOTP_ENROL_URL

# the secret offered to the partial session's user, kept server-side in his
# session until he proves he stored it (never taken from the form)
SESSION_KEY = "oa_totp_enrol"


class OaTotpHome(Home):
    @http.route()
    def web_totp(self, redirect=None, **kwargs):
        # a partial session that must still enrol has no code to give
        uid = request.session.pre_uid
        if uid and not request.session.uid:
            user = request.env(user=uid)["res.users"].browse(uid)
            if user._oa_totp_enrolment_pending():
                return request.redirect(self._login_redirect(uid, redirect=redirect))
        return super().web_totp(redirect=redirect, **kwargs)

    @http.route(
        TOTP_ENROL_URL,
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        website=True,
        multilang=False,
    )
    def oa_totp_enrol(self, redirect=None, **kwargs):
        if request.session.uid:
            return request.redirect(
                self._login_redirect(request.session.uid, redirect=redirect)
            )
        uid = request.session.pre_uid
        if not uid:
            return request.redirect("/web/login")
        user = request.env(user=uid)["res.users"].browse(uid)
        if not user._oa_totp_enrolment_pending():
            # enrolled meanwhile (auth_totp asks the code), or no longer
            # required (then the login is complete, as Odoo would finalize it)
            if not user._mfa_url():
                self._oa_finalize()
            return request.redirect(self._login_redirect(uid, redirect=redirect))
        if user.lang:
            request.update_context(lang=user.lang)

        enrol = request.session.get(SESSION_KEY)
        if not enrol or enrol.get("uid") != uid:
            secret = base64.b32encode(os.urandom(TOTP_SECRET_SIZE // 8)).decode()
            enrol = {"uid": uid, "secret": secret}
            request.session[SESSION_KEY] = enrol
        secret = enrol["secret"]

        error = None
        if request.httprequest.method == "POST":
            code = re.sub(r"\s", "", kwargs.get("totp_token") or "")
            try:
                with user._assert_can_auth(user=uid):  # a locked account stops
                    done = code.isdigit() and user._totp_try_setting(secret, int(code))
            except AccessDenied as refusal:
                done, error = False, str(refusal)
            if done:
                request.session.pop(SESSION_KEY, None)
                self._oa_finalize()
                return request.redirect(
                    self._login_redirect(request.session.uid, redirect=redirect)
                )
            error = error or request.env._(
                "Verification failed: enter the 6-digit code your authenticator "
                "app shows now."
            )

        wizard = (
            request.env["auth_totp.wizard"]
            .sudo()
            .new({"user_id": uid, "secret": secret})
        )
        qrcode = wizard.qrcode
        if isinstance(qrcode, bytes):
            qrcode = qrcode.decode()
        request.session.touch()
        return request.render(
            "oa_security.totp_enrol_form",
            {
                "user": user.sudo(),
                "qrcode": qrcode,
                "secret": " ".join(re.findall(".{1,4}", secret)),
                "error": error,
                "redirect": redirect,
            },
        )

    def _oa_finalize(self):
        request.session.finalize(request.env)
        request.update_env(user=request.session.uid)
        request.update_context(**request.session.context)
