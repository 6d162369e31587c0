# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from unittest.mock import patch

from odoo.exceptions import AccessDenied
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaBaseCommon


@tagged("post_install", "-at_install")
class TestPasswordChangeFlag(OaBaseCommon):
    def test_new_user_must_change_password(self):
        self.assertTrue(self.staff_a.oa_password_change_required)
        self.assertTrue(self.staff_a._password_has_expired())

    def test_own_password_change_clears_flag(self):
        self.staff_a.with_user(self.staff_a).change_password(
            "oa_staff_a", "MyOwn#Pass2026"
        )
        self.assertFalse(self.staff_a.oa_password_change_required)
        self.assertFalse(self.staff_a._password_has_expired())

    def test_admin_setting_password_sets_flag(self):
        self.staff_a.oa_password_change_required = False
        self.staff_a.with_user(self.env.ref("base.user_admin")).write(
            {"password": "Reset#2026"}
        )
        self.assertTrue(self.staff_a.oa_password_change_required)

    def test_admin_reset_sets_flag(self):
        self.staff_a.oa_password_change_required = False
        self.staff_a.with_user(self.env.ref("base.user_admin")).action_reset_password()
        self.assertTrue(self.staff_a.oa_password_change_required)

    def test_reset_form_clears_flag(self):
        partner = self.staff_a.partner_id.sudo()
        partner.signup_prepare(signup_type="reset")
        token = partner._generate_signup_token()
        self.env["res.users"].sudo().signup(
            {"login": "oa_staff_a", "password": "Chosen#2026"}, token
        )
        self.assertFalse(self.staff_a.oa_password_change_required)

    def test_new_user_speaks_the_suite_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        user = new_test_user(
            self.env, login="oa_new_zh", groups="oa_base.group_oa_user"
        )
        self.assertEqual(user.lang, "zh_CN")
        # a language given is kept
        user = new_test_user(
            self.env, login="oa_new_en", groups="oa_base.group_oa_user", lang="en_US"
        )
        self.assertEqual(user.lang, "en_US")
        # without the parameter, Odoo's default (the creator's language)
        self.env["ir.config_parameter"].set_param("oa_base.default_lang", False)
        user = new_test_user(
            self.env.user.with_context(lang="en_US").env,
            login="oa_new_default",
            groups="oa_base.group_oa_user",
        )
        self.assertEqual(user.lang, "en_US")

    def test_public_signup_is_off(self):
        self.assertEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2b")

    def test_password_rules_are_stated(self):
        lines = self.staff_a._oa_password_rule_lines()
        params = self.staff_a._get_all_password_params()
        expected = sum(
            1
            for key in ("minlength", "lower", "upper", "numeric", "special")
            if params[key]
        ) + (params["history"] > 0)
        self.assertEqual(len(lines), expected)
        self.assertGreaterEqual(len(lines), 4)  # password_security's defaults

    def test_setting_off_does_not_force(self):
        self.env["res.config.settings"].create(
            {"oa_force_password_change": False}
        ).execute()
        user = new_test_user(
            self.env, login="oa_no_force", groups="oa_base.group_oa_user"
        )
        self.assertFalse(user.oa_password_change_required)
        self.env["res.config.settings"].create(
            {"oa_force_password_change": True}
        ).execute()
        user = new_test_user(self.env, login="oa_force", groups="oa_base.group_oa_user")
        self.assertTrue(user.oa_password_change_required)


@tagged("post_install", "-at_install")
class TestFirstLoginRedirect(HttpCase):
    def _login(self, login, password):
        page = self.url_open("/web/login")  # a session and its CSRF token
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": csrf},
            allow_redirects=False,
        )

    def _password_is(self, user, password):
        try:
            user.with_user(user)._check_credentials(
                {"type": "password", "password": password}, {"interactive": False}
            )
        except AccessDenied:
            return False
        return True

    def test_flagged_user_is_sent_to_reset_form(self):
        new_test_user(self.env, login="oa_first", password="First#Login2026")
        response = self._login("oa_first", "First#Login2026")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/reset_password", response.headers["Location"])
        # logged out: the back end is not reachable before the change
        backend = self.url_open("/odoo", allow_redirects=False)
        self.assertIn("/web/login", backend.headers.get("Location", ""))

    def test_unflagged_user_logs_in(self):
        user = new_test_user(self.env, login="oa_known", password="Known#Login2026")
        user.oa_password_change_required = False
        response = self._login("oa_known", "Known#Login2026")
        self.assertNotIn("reset_password", response.headers.get("Location", ""))
        backend = self.url_open("/odoo", allow_redirects=False)
        self.assertEqual(backend.status_code, 200)

    def test_signup_page_is_closed(self):
        page = self.url_open("/web/login")
        self.assertNotIn("/web/signup", page.text)
        self.assertEqual(self.url_open("/web/signup").status_code, 404)

    def test_change_form_says_why_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        user = new_test_user(self.env, login="oa_why", password="Why#Login2026")
        self.assertEqual(user.lang, "zh_CN")
        response = self._login("oa_why", "Why#Login2026")
        form = self.url_open(response.headers["Location"])
        self.assertIn("o_oa_password_must_change", form.text)
        self.assertIn(
            "请设置您自己的密码", form.text
        )  # his language, not the browser's
        for line in user.with_context(lang="zh_CN")._oa_password_rule_lines():
            self.assertIn(line, form.text)

    def test_tour_first_login_password_change(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        user = new_test_user(
            self.env, login="oa_newcomer", password="Initial#2026", name="新同事"
        )
        self.assertTrue(user.oa_password_change_required)
        self.start_tour("/web/login", "oa_base_first_login_password", login=None)
        self.assertFalse(user.oa_password_change_required)
        # the browser's language (en-US in the test browser) does not replace
        # the user's own when he saves his password
        self.assertEqual(user.lang, "zh_CN")
        # the new password works, the initial one no longer does
        self.assertTrue(self._password_is(user, "Chosen#Pass2026"))
        self.assertFalse(self._password_is(user, "Initial#2026"))


@tagged("post_install", "-at_install")
class TestFirstLoginRpc(HttpCase):
    """Point 9: the mobile app and integrations log in over RPC; until the
    user has chosen his own password only the change is open to him."""

    def setUp(self):
        super().setUp()
        self.db = self.env.cr.dbname
        self.user = new_test_user(
            self.env,
            login="oa_mobile",
            password="Initial#2026",
            groups="oa_base.group_oa_user",
        )
        self.assertTrue(self.user.oa_password_change_required)

    def post_json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def rpc(self, service, method, *args):
        return self.post_json(
            "/jsonrpc", {"service": service, "method": method, "args": args}
        )

    def read_partner(self, password):
        return self.rpc(
            "object",
            "execute_kw",
            self.db,
            self.user.id,
            password,
            "res.users",
            "read",
            [self.user.ids, ["login"]],
        )

    @mute_logger("odoo.http")
    def test_rpc_refused_until_password_changed(self):
        old, new = "Initial#2026", "Chosen#Mobile2026"
        # JSON-RPC / XML-RPC with login and password
        self.assertFalse(
            self.rpc("common", "authenticate", self.db, "oa_mobile", old, {})["result"]
        )
        error = self.read_partner(old)["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.AccessDenied")
        self.assertIn("/oa/password/change", error["message"])
        with self.assertRaises(Exception) as caught:
            self.xmlrpc_object.execute_kw(
                self.db, self.user.id, old, "res.users", "read", [self.user.ids]
            )
        self.assertIn("/oa/password/change", str(caught.exception))
        # the mobile app's session log-in
        answer = self.post_json(
            "/web/session/authenticate",
            {"db": self.db, "login": "oa_mobile", "password": old},
        )
        self.assertIn("/oa/password/change", answer["error"]["data"]["message"])
        self.assertIn("error", self.post_json("/web/session/get_session_info", {}))
        # the change itself is open: wrong old password refused, then done
        change = {"db": self.db, "login": "oa_mobile", "old_password": old}
        change["new_password"] = new
        answer = self.post_json(
            "/oa/password/change",
            {
                "db": self.db,
                "login": "oa_mobile",
                "old_password": "x",
                "new_password": new,
            },
        )
        self.assertIn("error", answer)
        self.assertTrue(self.user.oa_password_change_required)
        answer = self.post_json(
            "/oa/password/change",
            {
                "db": self.db,
                "login": "oa_mobile",
                "old_password": old,
                "new_password": new,
            },
        )
        self.assertTrue(answer["result"])
        self.env.invalidate_all()
        self.assertFalse(self.user.oa_password_change_required)
        uid = self.rpc("common", "authenticate", self.db, "oa_mobile", new, {})
        self.assertEqual(uid["result"], self.user.id)
        self.assertEqual(self.read_partner(new)["result"][0]["login"], "oa_mobile")
        self.assertIn("error", self.read_partner(old))
        answer = self.post_json(
            "/web/session/authenticate",
            {"db": self.db, "login": "oa_mobile", "password": new},
        )
        self.assertEqual(answer["result"]["uid"], self.user.id)

    def _open_session(self):
        """Open the user's session once his flag is off; return a call of
        the web client in it."""
        self.user.sudo().write({"oa_password_change_required": False})
        self.authenticate("oa_mobile", "Initial#2026")
        return {
            "model": "res.users",
            "method": "read",
            "args": [self.user.ids, ["login"]],
            "kwargs": {},
        }

    @mute_logger("odoo.http")
    def test_open_session_refused_once_flagged(self):
        call = self._open_session()
        self.assertIn("result", self.post_json("/web/dataset/call_kw", call))
        # an administrator resets the password: the open session serves nothing
        self.user.with_user(self.env.ref("base.user_admin")).action_reset_password()
        self.assertTrue(self.user.oa_password_change_required)
        error = self.post_json("/web/dataset/call_kw", call)["error"]["data"]
        self.assertIn("/oa/password/change", error["message"])
        page = self.url_open("/odoo", allow_redirects=False)
        self.assertIn("/web/login", page.headers.get("Location", ""))

    @mute_logger("odoo.http")
    def test_flag_read_once_per_session_token(self):
        """The flag is part of the session token: an open session reads it on
        its first request only, and setting it still ends the session."""
        IrHttp = type(self.env["ir.http"])
        call = self._open_session()
        with patch.object(
            IrHttp,
            "_oa_must_change_password",
            side_effect=IrHttp._oa_must_change_password,
        ) as read_flag:
            for _i in range(3):
                self.assertIn("result", self.post_json("/web/dataset/call_kw", call))
            self.assertEqual(read_flag.call_count, 1)
            # an administrator resets the password (the flag alone changes):
            # the token changes, the session is over and says why
            self.user.with_user(self.env.ref("base.user_admin")).action_reset_password()
            self.assertTrue(self.user.oa_password_change_required)
            error = self.post_json("/web/dataset/call_kw", call)["error"]["data"]
            self.assertIn("/oa/password/change", error["message"])
            self.assertEqual(read_flag.call_count, 2)
