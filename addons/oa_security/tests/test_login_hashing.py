# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One password hash per sign-in (the morning burst: 5,000 sign-ins in 15
minutes, each PBKDF2-SHA512 hash ~0.3 s of a core).

Every entry point is driven over HTTP while the PBKDF2 computations and the
calls of the crypt context's ``verify``/``verify_and_update`` that reach
passlib are counted: a sign-in verifies the password once; the first-login
change verifies the old password once and hashes the new one once."""

import contextlib
import json
import re
import threading
from unittest.mock import patch
from urllib.parse import urlparse

from passlib.context import CryptContext
from passlib.handlers.pbkdf2 import Pbkdf2DigestHandler

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.auth_totp.models.totp import TOTP_SECRET_SIZE
from odoo.addons.base.models.res_users import Users

from ..models.res_users_password import RequestMemoCryptContext
from .common import PASSWORD, OaSecurityHttpCommon
from .test_totp import totp_code

NEW_PASSWORD = "Own#Choice2026"


class Counts(dict):
    def add(self, key):
        with self.lock:
            self[key] = self.get(key, 0) + 1

    lock = threading.Lock()


@contextlib.contextmanager
def count_hashes():
    """PBKDF2 computations (hash or verify) and the calls of passlib's
    ``CryptContext.verify``/``verify_and_update`` (Odoo's crypt context, and
    the one tests use instead, are passlib's), in every thread (the test
    server's too)."""
    counts = Counts(pbkdf2=0, verify=0)
    calc = Pbkdf2DigestHandler._calc_checksum

    def counted_calc(handler, secret):
        counts.add("pbkdf2")
        return calc(handler, secret)

    def counted(name):
        real = getattr(CryptContext, name)

        def verify(self, *args, **kwargs):
            counts.add("verify")
            return real(self, *args, **kwargs)

        return verify

    with (
        patch.object(Pbkdf2DigestHandler, "_calc_checksum", counted_calc),
        patch.object(CryptContext, "verify", counted("verify")),
        patch.object(CryptContext, "verify_and_update", counted("verify_and_update")),
        # "Login successful" per session opened
        patch("odoo.addons.base.models.res_users._logger.info") as info,
    ):
        yield counts
        counts["logins"] = sum(
            1 for call in info.call_args_list if "Login successful" in call.args[0]
        )


@tagged("post_install", "-at_install")
class TestLoginHashing(OaSecurityHttpCommon):
    # /oa/password/change is a readonly route (auth="none") that opens
    # cursors of its own, as production does on other connections; the test
    # cursors cannot nest a read/write one in a readonly one
    readonly_enabled = False

    def setUp(self):
        super().setUp()
        self.db = self.env.cr.dbname

    def assertCounts(self, counts, pbkdf2, verify, logins):
        self.assertEqual(
            (counts["pbkdf2"], counts["verify"], counts["logins"]),
            (pbkdf2, verify, logins),
            "(PBKDF2 computations, verify calls, 'Login successful')",
        )

    def post_json(self, url, params):
        return self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        ).json()

    # ---- a sign-in: one hash ----

    def test_login_form_hashes_once(self):
        with count_hashes() as counts:
            self.assertTrue(self.web_login("sec_victim", PASSWORD)[0])
        self.assertCounts(counts, 1, 1, 1)
        self.assertTrue(self.trail(login="sec_victim", action="login"))

    def test_session_authenticate_hashes_once(self):
        with count_hashes() as counts:
            uid, _error = self.session_authenticate("sec_victim", PASSWORD)
        self.assertEqual(uid, self.victim.id)
        self.assertCounts(counts, 1, 1, 1)

    def test_rpc_authenticate_hashes_once(self):
        with count_hashes() as counts:
            self.assertEqual(
                self.rpc_authenticate("sec_victim", PASSWORD), self.victim.id
            )
        self.assertCounts(counts, 1, 1, 1)
        # object.execute_kw: Odoo's credential check, cached per process once
        # it passed (the lock is checked on every call, without hashing)
        self.registry.clear_cache()
        with count_hashes() as counts:
            for _i in range(3):
                self.assertTrue(self.rpc_read_self(self.victim, PASSWORD)[0])
        self.assertCounts(counts, 1, 1, 0)

    @mute_logger("odoo.addons.oa_security.models.res_users", "odoo.http")
    def test_locked_account_hashes_nothing(self):
        for _i in range(5):
            self.web_login("sec_victim", "wrong")
        self.assertTrue(self.lockout(self.victim).is_locked)
        with count_hashes() as counts:
            self.assertFalse(self.web_login("sec_victim", PASSWORD)[0])
            self.assertFalse(self.rpc_authenticate("sec_victim", PASSWORD))
            self.assertFalse(self.rpc_read_self(self.victim, PASSWORD)[0])
        self.assertCounts(counts, 0, 0, 0)

    def test_two_factor_login_hashes_once(self):
        secret = "".join("A" for _i in range(TOTP_SECRET_SIZE // 5))
        self.victim.sudo().totp_secret = secret
        with count_hashes() as counts:
            self.url_open("/web/session/logout")
            page = self.url_open("/web/login").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            res = self.url_open(
                "/web/login",
                data={"login": "sec_victim", "password": PASSWORD, "csrf_token": token},
                allow_redirects=False,
            )
            self.assertEqual(urlparse(res.headers["Location"]).path, "/web/login/totp")
            page = self.url_open("/web/login/totp").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            res = self.url_open(
                "/web/login/totp",
                data={"totp_token": totp_code(secret), "csrf_token": token},
                allow_redirects=False,
            )
            self.assertIn(res.status_code, (302, 303))
        self.assertCounts(counts, 1, 1, 1)
        info = self.post_json("/web/session/get_session_info", {})
        self.assertEqual(info["result"]["uid"], self.victim.id)

    # ---- the first-login change: verify the old, hash the new ----

    def test_first_login_change_on_the_web(self):
        """Log in with the initial password, sent to the change form, choose
        a password: logged in without hashing the new password again."""
        user = new_test_user(
            self.env, login="sec_newcomer", password=PASSWORD, groups="base.group_user"
        )
        self.assertTrue(user.oa_password_change_required)
        with count_hashes() as login:
            self.url_open("/web/session/logout")
            page = self.url_open("/web/login").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            res = self.url_open(
                "/web/login",
                data={"login": user.login, "password": PASSWORD, "csrf_token": token},
                allow_redirects=False,
            )
        self.assertCounts(login, 1, 1, 1)
        form_url = res.headers["Location"]
        self.assertIn("/web/reset_password", form_url)
        page = self.url_open(form_url).text
        fields = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', page))
        with count_hashes() as change:
            res = self.url_open(
                "/web/reset_password",
                data={
                    **fields,
                    "login": user.login,
                    "password": NEW_PASSWORD,
                    "confirm_password": NEW_PASSWORD,
                },
                allow_redirects=False,
            )
        self.assertEqual(res.status_code, 200, res.text[:300])
        # the new password hashed once, the session opened once (auth_signup's
        # _signup_with_values; the form's web_login does not open it again):
        # one "Login successful", one row in the trail
        self.assertCounts(change, 1, 0, 1)
        user.invalidate_recordset()
        self.assertFalse(user.oa_password_change_required)
        info = self.post_json("/web/session/get_session_info", {})
        self.assertEqual(info["result"]["uid"], user.id)
        self.assertEqual(
            len(self.trail(login=user.login, action="login")),
            login["logins"] + change["logins"],
        )
        # the new password is the one stored (a real verify, no request)
        self.assertTrue(
            user._crypt_context().verify(NEW_PASSWORD, self._stored_hash(user))
        )

    def test_first_login_change_over_rpc(self):
        """The mobile app's change (/oa/password/change): the old password
        verified once (authenticate, then change_password's own check reuses
        it), the new one hashed once."""
        user = new_test_user(
            self.env, login="sec_mobile", password=PASSWORD, groups="base.group_user"
        )
        with count_hashes() as counts:
            res = self.post_json(
                "/oa/password/change",
                {
                    "db": self.db,
                    "login": user.login,
                    "old_password": PASSWORD,
                    "new_password": NEW_PASSWORD,
                },
            )
        self.assertEqual(res.get("result"), True, res)
        self.assertCounts(counts, 2, 1, 1)
        user.invalidate_recordset()
        self.assertFalse(user.oa_password_change_required)
        self.assertEqual(self.rpc_authenticate(user.login, NEW_PASSWORD), user.id)

    @mute_logger("odoo.addons.oa_security.models.res_users", "odoo.http")
    def test_wrong_old_password_still_refused_and_counted(self):
        user = new_test_user(
            self.env, login="sec_mobile2", password=PASSWORD, groups="base.group_user"
        )
        with count_hashes() as counts:
            res = self.post_json(
                "/oa/password/change",
                {
                    "db": self.db,
                    "login": user.login,
                    "old_password": "wrong",
                    "new_password": NEW_PASSWORD,
                },
            )
        self.assertIn("error", res)
        # computed (a failure is never answered from the memo); the failure
        # is counted on a cursor of its own, which the test cursors roll back
        # with the refused request (test_lockout counts them)
        self.assertCounts(counts, 1, 1, 0)

    def _stored_hash(self, user):
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]


@tagged("post_install", "-at_install")
class TestRequestMemo(OaSecurityHttpCommon):
    """The memo only answers for a pair already proven in the same request."""

    def test_crypt_context_is_odoos(self):
        """The suite's context is Odoo's (tests replace Odoo's by a 1-round
        one: that is what is wrapped here), with the memo."""
        ctx = self.env["res.users"]._crypt_context()
        self.assertIsInstance(ctx, RequestMemoCryptContext)
        odoo_ctx = self._crypt_context_patcher.temp_original(self.env["res.users"])
        self.assertEqual(
            ctx.__obj__.to_string(),
            Users._crypt_context(self.env["res.users"]).to_string(),
        )
        # Odoo's own, the one wrapped in production: pbkdf2_sha512, 600,000
        self.assertEqual(odoo_ctx.schemes()[0], "pbkdf2_sha512")
        self.assertIn("pbkdf2_sha512__rounds = 600000", odoo_ctx.__obj__.to_string())

    def test_memo(self):
        memo = {}
        # Odoo's context as production has it (not the tests' 1-round one)
        odoo_ctx = self._crypt_context_patcher.temp_original(self.env["res.users"])
        ctx = RequestMemoCryptContext(odoo_ctx)
        with patch(
            "odoo.addons.oa_security.models.res_users_password._request_memo",
            return_value=memo,
        ):
            # pbkdf2_sha512 with Odoo's rounds, unchanged
            hashed = ctx.hash(PASSWORD)
            self.assertTrue(hashed.startswith("$pbkdf2-sha512$600000$"))
            self.assertEqual(list(memo), [hashed])
            self.assertNotIn(PASSWORD.encode(), memo[hashed])
            with count_hashes() as counts:
                self.assertEqual(ctx.verify_and_update(PASSWORD, hashed), (True, None))
                self.assertTrue(ctx.verify(PASSWORD, hashed))
                # another secret against the same hash: computed, refused
                self.assertEqual(ctx.verify_and_update("wrong", hashed), (False, None))
                self.assertFalse(ctx.verify("wrong", hashed))
            self.assertEqual(counts["pbkdf2"], 2)
            # the same secret against another hash (another salt): computed
            other = ctx.hash(PASSWORD)
            memo.pop(other)
            with count_hashes() as counts:
                self.assertTrue(ctx.verify(PASSWORD, other))
            self.assertEqual(counts["pbkdf2"], 1)
        # no request: no memo, every verify computed
        memo.clear()
        with count_hashes() as counts:
            self.assertTrue(ctx.verify(PASSWORD, hashed))
            self.assertTrue(ctx.verify(PASSWORD, hashed))
        self.assertEqual(counts["pbkdf2"], 2)
        self.assertEqual(memo, {})
