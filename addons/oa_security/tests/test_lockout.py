# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.1 b: failed logins counted per account in the database, on
every entry point; the right password refused while locked."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessDenied, AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PASSWORD, OaSecurityHttpCommon

MUTE = ("odoo.addons.oa_security.models.res_users", "odoo.http")


@tagged("post_install", "-at_install")
class TestLockout(OaSecurityHttpCommon):
    @mute_logger(*MUTE)
    def lock_victim(self):
        """Five wrong passwords over three entry points."""
        for _i in range(2):
            self.assertEqual(self.web_login("sec_victim", "wrong")[0], False)
        for _i in range(2):
            self.assertFalse(self.rpc_authenticate("sec_victim", "wrong"))
        # the fifth, over XML-RPC/JSON-RPC execute_kw (res.users.check)
        result, error = self.rpc_read_self(self.victim, "wrong")
        self.assertFalse(result)
        self.assertTrue(error)
        return error

    def test_five_failures_on_every_entry_point_lock(self):
        self.assertTrue(self.web_login("sec_victim", PASSWORD)[0])
        error = self.lock_victim()
        row = self.lockout(self.victim)
        self.assertEqual(row.failure_count, 5)
        self.assertTrue(row.is_locked)
        self.assertEqual(row.user_id, self.victim)
        # the fifth failure already answers with the lock
        self.assertIn("锁定", error)
        minutes = (row.locked_until - fields.Datetime.now()).total_seconds() / 60
        self.assertAlmostEqual(minutes, 30, delta=1)

        with mute_logger(*MUTE):
            # the right password is refused everywhere, with the lock message
            ok, form_error = self.web_login("sec_victim", PASSWORD)
            self.assertFalse(ok)
            self.assertIn("锁定", form_error)
            uid, session_error = self.session_authenticate("sec_victim", PASSWORD)
            self.assertFalse(uid)
            self.assertIn("锁定", session_error)
            self.assertFalse(self.rpc_authenticate("sec_victim", PASSWORD))
            self.assertFalse(self.rpc_read_self(self.victim, PASSWORD)[0])
            # the message never tells whether the password was right
            self.assertEqual(self.web_login("sec_victim", "wrong")[1], form_error)
        # Beijing time, e.g. "2026-05-04 18:30"
        local = fields.Datetime.context_timestamp(
            self.victim.with_context(tz="Asia/Shanghai"), row.locked_until
        )
        self.assertIn(local.strftime("%Y-%m-%d %H:%M"), form_error)
        # refusals while locked are not counted
        self.assertEqual(self.lockout(self.victim).failure_count, 5)

        # another user behind the same IP is not affected
        self.assertTrue(self.web_login("sec_colleague", PASSWORD)[0])
        self.assertTrue(self.rpc_authenticate("sec_colleague", PASSWORD))

        # the trail: five failures, one lockout, the refusals
        self.assertEqual(len(self.trail(login="sec_victim", action="login_failed")), 5)
        lockout = self.trail(login="sec_victim", action="lockout")
        self.assertEqual(len(lockout), 1)
        self.assertEqual(lockout.ip, "127.0.0.1")
        self.assertGreaterEqual(
            len(self.trail(login="sec_victim", action="login_refused")), 4
        )

    def test_locked_api_key_refused(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.victim)
            ._generate(None, "integration", fields.Datetime.now() + timedelta(days=1))
        )
        self.assertTrue(self.rpc_read_self(self.victim, key)[0])
        self.lock_victim()
        with mute_logger(*MUTE):
            self.assertFalse(self.rpc_read_self(self.victim, key)[0])
        self.assertIsNone(
            self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=key)
        )

    def test_lock_ends_and_success_resets_the_count(self):
        self.lock_victim()
        self.env.cr.execute(
            "UPDATE oa_login_lockout SET locked_until = %s WHERE login = %s",
            [fields.Datetime.now() - timedelta(seconds=1), "sec_victim"],
        )
        self.assertTrue(self.web_login("sec_victim", PASSWORD)[0])
        # a new window: four failures do not lock after the success
        with mute_logger(*MUTE):
            for _i in range(4):
                self.assertFalse(self.rpc_authenticate("sec_victim", "wrong"))
        self.assertEqual(self.lockout(self.victim).failure_count, 4)
        self.assertTrue(self.rpc_authenticate("sec_victim", PASSWORD))
        self.assertEqual(self.lockout(self.victim).failure_count, 0)

    def test_failures_outside_the_window_start_again(self):
        with mute_logger(*MUTE):
            for _i in range(4):
                self.assertFalse(self.rpc_authenticate("sec_victim", "wrong"))
        self.env.cr.execute(
            "UPDATE oa_login_lockout SET window_start = %s WHERE login = %s",
            [fields.Datetime.now() - timedelta(minutes=16), "sec_victim"],
        )
        with mute_logger(*MUTE):
            self.assertFalse(self.rpc_authenticate("sec_victim", "wrong"))
        row = self.lockout(self.victim)
        self.assertEqual(row.failure_count, 1)
        self.assertFalse(row.is_locked)

    def test_configured_threshold(self):
        self.env["ir.config_parameter"].set_param(
            "oa_security.lockout_max_failures", "3"
        )
        self.env["ir.config_parameter"].set_param("oa_security.lockout_minutes", "5")
        with mute_logger(*MUTE):
            for _i in range(3):
                self.rpc_authenticate("sec_victim", "wrong")
        row = self.lockout(self.victim)
        self.assertTrue(row.is_locked)
        minutes = (row.locked_until - fields.Datetime.now()).total_seconds() / 60
        self.assertAlmostEqual(minutes, 5, delta=1)

    def test_unknown_login_counts_like_a_real_one(self):
        """No account enumeration: an unknown login is locked the same way."""
        with mute_logger(*MUTE):
            for _i in range(5):
                self.rpc_authenticate("sec_nobody", "wrong")
            ok, error = self.web_login("sec_nobody", "wrong")
        self.assertFalse(ok)
        self.assertIn("锁定", error)

    def test_odoo_ip_throttle_is_off(self):
        """Odoo's per-IP cooldown would refuse everyone behind the office's
        NAT after 5 failures of one person."""
        with mute_logger(*MUTE):
            for login in ("sec_a", "sec_b", "sec_c", "sec_d", "sec_e", "sec_f"):
                self.rpc_authenticate(login, "wrong")
        self.assertTrue(self.rpc_authenticate("sec_colleague", PASSWORD))

    def test_security_administrator_unlocks(self):
        self.lock_victim()
        row = self.lockout(self.victim)
        for user in (self.sysadmin, self.auditor, self.colleague):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                row.with_user(user).action_unlock()
        self.assertTrue(self.lockout(self.victim).is_locked)
        locked = (
            self.env["oa.login.lockout"]
            .with_user(self.secadmin)
            .search([("is_locked", "=", True)])
        )
        self.assertIn(row, locked)
        row.with_user(self.secadmin).action_unlock()
        self.env.cr.flush()
        self.assertFalse(self.lockout(self.victim).is_locked)
        self.assertTrue(self.web_login("sec_victim", PASSWORD)[0])
        unlock = self.trail(action="unlock", record_name="sec_victim")
        self.assertEqual(len(unlock), 1)
        self.assertEqual(unlock.login, "sec_secadmin")

    def test_counter_survives_the_login_rollback(self):
        """Each failure is counted on a cursor of its own: the login's rolled
        back transaction does not take the count with it.  (Odoo's
        assertRaises would roll the block back: plain try/except here.)"""
        Users = self.env.registry["res.users"]
        refusals = []
        with mute_logger(*MUTE):
            for _i in range(5):
                try:
                    Users.authenticate(
                        self.env.cr.dbname,
                        {"type": "password", "login": "sec_victim", "password": "x"},
                        {"interactive": False},
                    )
                except AccessDenied as refusal:
                    refusals.append(str(refusal))
        self.assertEqual(len(refusals), 5)
        self.assertTrue(self.lockout(self.victim).is_locked)
        self.assertIn("锁定", refusals[-1])
        self.assertNotIn("锁定", refusals[0])

    def test_trail_of_a_lockout_in_the_company_language_and_time(self):
        """The trail's rows of an anonymous login are written in the company's
        language, the lock's end on the company's clock."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.company.partner_id.lang = "zh_CN"
        self.env.flush_all()
        with mute_logger(*MUTE):
            for _i in range(5):
                self.rpc_authenticate("sec_victim", "wrong")
        failed = self.trail(action="login_failed", login="sec_victim")
        self.assertIn("第 5 次失败", failed.mapped("detail"))
        [locked] = self.trail(action="lockout", login="sec_victim")
        self.assertIn("锁定至", locked.detail)
        self.assertIn("(Asia/Shanghai)", locked.detail)
        self.assertNotIn("UTC", locked.detail)
