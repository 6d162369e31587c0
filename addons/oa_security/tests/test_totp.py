# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.1 d: users with Settings, a 三员 duty or the project group log
in with two factors (TOTP); over HTTP, with codes computed in the test."""

import base64
import json
import re
import time
from datetime import timedelta
from urllib.parse import urlparse

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.auth_totp.models.totp import hotp
from odoo.addons.auth_totp.tests.test_totp import TestTOTPMixin

from ..models.res_users import TOTP_ENROL_URL
from .common import PASSWORD, OaSecurityHttpCommon


def totp_code(secret):
    """The code an authenticator app shows now for ``secret`` (base32)."""
    key = base64.b32decode(re.sub(r"\s", "", secret).upper())
    return f"{hotp(key, int(time.time() // 30)):06d}"


@tagged("post_install", "-at_install")
class TestTotp(TestTOTPMixin, OaSecurityHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = new_test_user(
            cls.env,
            login="sec_project",
            groups="oa_base.group_oa_user,oa_base.group_oa_project",
            password=PASSWORD,
            oa_password_change_required=False,
        )

    # ---- helpers ----

    def csrf(self, url):
        page = self.url_open(url)
        return page, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def login_form(self, login, password=PASSWORD):
        """POST the login form; returns the redirect's path (with query)."""
        self.url_open("/web/session/logout")
        _page, token = self.csrf("/web/login")
        res = self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": token},
            allow_redirects=False,
        )
        self.assertIn(res.status_code, (302, 303), res.text[:300])
        location = urlparse(res.headers["Location"])
        return location.path, location.query

    def session_uid(self):
        res = self.url_open(
            "/web/session/get_session_info",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
            headers={"Content-Type": "application/json"},
        ).json()
        return res.get("result", {}).get("uid"), res.get("error")

    def post_code(self, url, code):
        _page, token = self.csrf(url)
        return self.url_open(
            url,
            data={"totp_token": code, "csrf_token": token},
            allow_redirects=False,
        )

    # ---- tests ----

    def test_who_must_enrol(self):
        """Settings, each 三员 duty and the project group must; plain users
        and the superuser need not; the setting is installed on."""
        self.assertTrue(
            self.env["ir.config_parameter"].get_param("oa_security.totp_required")
        )
        admin = self.env.ref("base.user_admin")
        for user in (admin, self.sysadmin, self.secadmin, self.auditor, self.project):
            with self.subTest(user=user.login):
                self.assertEqual(user._mfa_url(), TOTP_ENROL_URL)
        for user in (self.victim, self.env.ref("base.user_root")):
            with self.subTest(user=user.login):
                self.assertIsNone(user._mfa_url())
        self.env["ir.config_parameter"].set_param("oa_security.totp_required", False)
        self.assertIsNone(self.sysadmin._mfa_url())

    @mute_logger("odoo.http")
    def test_enrolment_then_login_with_the_code(self):
        user = self.sysadmin
        path, query = self.login_form(user.login)
        self.assertEqual(path, TOTP_ENROL_URL)
        # a partial session: nothing of the web client serves him
        self.assertEqual(self.session_uid()[0], None)
        backend = self.url_open("/odoo", allow_redirects=False)
        self.assertIn(backend.status_code, (302, 303))
        self.assertEqual(urlparse(backend.headers["Location"]).path, "/web/login")
        refused = self.call_kw(user)
        self.assertEqual(
            refused["error"]["data"]["name"], "odoo.http.SessionExpiredException"
        )
        # auth_totp's code step sends him back to the enrolment
        totp_step = self.url_open("/web/login/totp", allow_redirects=False)
        self.assertEqual(urlparse(totp_step.headers["Location"]).path, TOTP_ENROL_URL)

        page = self.url_open(TOTP_ENROL_URL)
        self.assertIn('src="data:image/png;base64,', page.text)
        secret = re.search(r'o_oa_totp_secret">([A-Z2-7 ]+)<', page.text).group(1)
        # the same secret until he proves he stored it
        self.assertIn(secret, self.url_open(TOTP_ENROL_URL).text)

        wrong = f"{(int(totp_code(secret)) + 1) % 1000000:06d}"
        res = self.post_code(TOTP_ENROL_URL, wrong)
        self.assertEqual(res.status_code, 200)
        self.assertIn("alert-danger", res.text)
        user.invalidate_recordset()
        self.assertFalse(user.totp_enabled)
        self.assertEqual(self.session_uid()[0], None)

        res = self.post_code(TOTP_ENROL_URL, totp_code(secret))
        self.assertIn(res.status_code, (302, 303))
        self.assertEqual(urlparse(res.headers["Location"]).path, "/odoo")
        user.invalidate_recordset()
        self.assertTrue(user.totp_enabled)
        self.assertEqual(self.session_uid()[0], user.id)
        self.assertEqual(self.call_kw(user)["result"][0]["login"], user.login)
        enrolled = self.trail(action="totp_enrol", login=user.login)
        self.assertEqual(len(enrolled), 1)
        self.assertEqual(enrolled.res_id, user.id)

        # a fresh login asks for the code (auth_totp), and the code logs in
        path, _query = self.login_form(user.login)
        self.assertEqual(path, "/web/login/totp")
        self.assertEqual(self.session_uid()[0], None)
        res = self.post_code("/web/login/totp", totp_code(secret))
        self.assertIn(res.status_code, (302, 303))
        self.assertEqual(self.session_uid()[0], user.id)

    def test_project_group_sent_to_enrolment_by_session_authenticate(self):
        """The mobile app's log-in gets no session either."""
        uid, error = self.session_authenticate(self.project.login, PASSWORD)
        self.assertEqual((uid, error), (None, None))
        self.assertEqual(self.session_uid()[0], None)

    def test_plain_user_not_forced(self):
        path, _query = self.login_form(self.colleague.login)
        self.assertEqual(path, "/odoo")
        self.assertEqual(self.session_uid()[0], self.colleague.id)

    def test_setting_off_lets_administrators_in(self):
        self.env["ir.config_parameter"].set_param("oa_security.totp_required", False)
        path, _query = self.login_form(self.sysadmin.login)
        self.assertEqual(path, "/odoo")
        self.assertEqual(self.session_uid()[0], self.sysadmin.id)

    @mute_logger("odoo.http", "odoo.addons.base.models.res_users")
    def test_rpc_by_api_key_only(self):
        """Integrations keep their API keys; the password, which would skip
        the second factor, is refused over RPC (auth_totp refuses it once
        he enrolled)."""
        user = self.sysadmin
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(None, "integration", fields.Datetime.now() + timedelta(days=1))
        )
        result, error = self.rpc_read_self(user, key)
        self.assertEqual(result, [{"id": user.id, "login": user.login}], error)
        self.assertEqual(self.rpc_authenticate(user.login, key), user.id)
        result, error = self.rpc_read_self(user, PASSWORD)
        self.assertFalse(result)
        self.assertIn("API key", error)
        self.assertFalse(self.rpc_authenticate(user.login, PASSWORD))
        # a plain user's password still serves RPC
        self.assertEqual(
            self.rpc_authenticate(self.colleague.login, PASSWORD), self.colleague.id
        )

    def test_enrolment_tour(self):
        """The enrolment page in a browser: log in, read the key, type the
        code, land in the web client."""
        self.install_totphook()
        self.start_tour("/web/login", "oa_security_totp_enrol", login=None)
        self.secadmin.invalidate_recordset()
        self.assertTrue(self.secadmin.totp_enabled)
