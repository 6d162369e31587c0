# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.3: an append-only audit trail, hash-chained with SM3, read by the
auditor only; PostgreSQL refuses to change it; a change made past the
trigger is found by the chain check."""

from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.oa_audit_log import GENESIS, row_hash, sm3_hex
from .common import PASSWORD, OaSecurityHttpCommon


@tagged("post_install", "-at_install")
class TestAuditLog(OaSecurityHttpCommon):
    def log(self, action, **extra):
        self.env["oa.audit.log"].with_user(self.secadmin)._oa_log(action, **extra)
        self.env.cr.flush()
        return self.trail(action=action)[-1:]

    def test_sm3(self):
        # GM/T 0004-2012 appendix A.1 example
        self.assertEqual(
            sm3_hex(b"abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        )

    def test_rows_are_chained(self):
        first = self.log("settings", detail="one")
        second = self.log("settings", detail="two")
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(first.login, "sec_secadmin")
        self.env.cr.execute(
            "SELECT id, event_time, user_id, login, user_name, on_behalf_login, ip, "
            "action, model, res_id, record_name, result, detail, prev_hash "
            "FROM oa_audit_log WHERE id = %s",
            [second.id],
        )
        row = self.env.cr.dictfetchone()
        self.assertEqual(row_hash(row), second.hash)
        self.assertEqual(self.env["oa.audit.log"]._oa_check_chain()[1], False)
        self.assertNotEqual(GENESIS, first.hash)

    def test_sql_update_and_delete_refused(self):
        row = self.log("settings", detail="kept")
        for query in (
            "UPDATE oa_audit_log SET detail = 'forged' WHERE id = %s",
            "DELETE FROM oa_audit_log WHERE id = %s",
            "TRUNCATE oa_audit_log",
        ):
            with (
                self.subTest(query=query),
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.InsufficientPrivilege),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(query, [row.id])
        self.assertEqual(self.trail(id=row.id).detail, "kept")

    def test_orm_refuses_even_the_superuser(self):
        row = self.log("settings", detail="kept")
        Log = self.env["oa.audit.log"]
        for func in (
            lambda: row.write({"detail": "forged"}),
            lambda: row.unlink(),
            lambda: Log.create({"action": "login", "result": "success"}),
        ):
            with self.assertRaises(AccessError):
                func()
        self.assertEqual(self.trail(id=row.id).detail, "kept")

    def test_chain_check_finds_a_row_changed_past_the_trigger(self):
        self.log("settings", detail="before")
        row = self.log("settings", detail="original")
        self.log("settings", detail="after")
        self.assertFalse(self.env["oa.audit.log"]._oa_check_chain()[1])
        # a superuser of the database disables the trigger and edits a row
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log DISABLE TRIGGER oa_audit_log_protect"
        )
        self.env.cr.execute(
            "UPDATE oa_audit_log SET detail = 'forged' WHERE id = %s", [row.id]
        )
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log ENABLE TRIGGER oa_audit_log_protect"
        )
        self.assertEqual(self.env["oa.audit.log"]._oa_check_chain()[1], row.id)
        # the auditor's button says so, and records that it said so
        with mute_logger("odoo.addons.oa_security.models.oa_audit_log"):
            action = (
                self.env["oa.audit.log"].with_user(self.auditor).action_check_chain()
            )
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(str(row.id), action["params"]["message"])
        self.env.cr.flush()
        check = self.trail(action="chain_check")[-1]
        self.assertEqual((check.result, check.res_id), ("failure", row.id))

    def test_chain_check_finds_a_forged_name(self):
        """Every column the auditor reads is hashed: the name shown too."""
        self.log("settings", detail="before")
        row = self.log("settings", detail="named")
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log DISABLE TRIGGER oa_audit_log_protect"
        )
        self.env.cr.execute(
            "UPDATE oa_audit_log SET user_name = 'someone else' WHERE id = %s",
            [row.id],
        )
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log ENABLE TRIGGER oa_audit_log_protect"
        )
        self.assertEqual(self.env["oa.audit.log"]._oa_check_chain()[1], row.id)

    def test_chain_check_finds_a_deleted_row(self):
        self.log("settings", detail="before")
        row = self.log("settings", detail="deleted")
        after = self.log("settings", detail="after")
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log DISABLE TRIGGER oa_audit_log_protect"
        )
        self.env.cr.execute("DELETE FROM oa_audit_log WHERE id = %s", [row.id])
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log ENABLE TRIGGER oa_audit_log_protect"
        )
        self.assertEqual(self.env["oa.audit.log"]._oa_check_chain()[1], after.id)

    def test_only_the_auditor_reads(self):
        self.log("settings", detail="secret")
        Log = self.env["oa.audit.log"]
        self.assertTrue(Log.with_user(self.auditor).search([]))
        for user in (
            self.sysadmin,
            self.secadmin,
            self.env.ref("base.user_admin"),
            self.victim,
        ):
            with self.subTest(user=user.login), mute_logger("odoo.models"):
                with self.assertRaises(AccessError):
                    Log.with_user(user).search([])
                with self.assertRaises(AccessError):
                    Log.with_user(user).action_check_chain()
        with self.assertRaises(AccessError):
            Log.with_user(self.auditor).search([], limit=1).write({"detail": "x"})

    def test_purge_keeps_six_months(self):
        old = self.log("settings", detail="old")
        recent = self.log("settings", detail="recent")
        # age the first row past 180 days (the trigger let no one do this)
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log DISABLE TRIGGER oa_audit_log_protect"
        )
        self.env.cr.execute(
            "UPDATE oa_audit_log SET event_time = %s WHERE id <= %s",
            [fields.Datetime.now() - timedelta(days=181), old.id],
        )
        self.env.cr.execute(
            "ALTER TABLE oa_audit_log ENABLE TRIGGER oa_audit_log_protect"
        )
        # the retention cannot be set below 180 days
        self.env["ir.config_parameter"].set_param(
            "oa_security.audit_retention_days", "30"
        )
        self.assertEqual(self.env["oa.audit.log"]._oa_retention_days(), 180)
        count = self.env["oa.audit.log"]._cron_purge()
        self.assertGreaterEqual(count, 1)
        self.env.cr.flush()
        self.assertFalse(self.trail(id=old.id))
        self.assertTrue(self.trail(id=recent.id))
        purge = self.trail(action="purge")
        self.assertIn(str(old.id), purge.detail)
        # a row younger than 180 days cannot be purged, even with the setting
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.InsufficientPrivilege),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute("SET LOCAL oa_security.audit_purge = 'on'")
            self.env.cr.execute("DELETE FROM oa_audit_log WHERE id = %s", [recent.id])
        # what is left still checks
        self.assertFalse(self.env["oa.audit.log"]._oa_check_chain()[1])

    def test_grants_passwords_and_settings_are_recorded(self):
        project = self.env.ref("oa_base.group_oa_project")
        self.colleague.with_user(self.secadmin).write({"groups_id": [(4, project.id)]})
        self.colleague.with_user(self.secadmin).write({"groups_id": [(3, project.id)]})
        self.victim.with_user(self.secadmin).write(
            {"groups_id": [(4, self.env.ref("oa_security.group_oa_sysadmin").id)]}
        )
        self.victim.with_user(self.secadmin).write({"password": "Other#2026"})
        self.env["ir.config_parameter"].with_user(self.sysadmin).set_param(
            "oa_security.lockout_minutes", "45"
        )
        self.env.cr.flush()
        grant = self.trail(action="group_grant", record_name="sec_colleague")[-1]
        self.assertIn(project.full_name, grant.detail)
        self.assertEqual(grant.login, "sec_secadmin")
        self.assertTrue(self.trail(action="group_revoke", record_name="sec_colleague"))
        self.assertTrue(self.trail(action="duty_grant", record_name="sec_victim"))
        self.assertTrue(self.trail(action="password", record_name="sec_victim"))
        setting = self.trail(
            action="settings", record_name="oa_security.lockout_minutes"
        )[-1]
        self.assertEqual((setting.login, setting.detail), ("sec_sysadmin", "write: 45"))
        self.assertFalse(self.env["oa.audit.log"]._oa_check_chain()[1])

    def test_login_recorded_over_http(self):
        self.assertTrue(self.web_login("sec_colleague", PASSWORD)[0])
        login = self.trail(action="login", login="sec_colleague")
        self.assertEqual(len(login), 1)
        self.assertEqual((login.ip, login.result), ("127.0.0.1", "success"))
        self.assertEqual(login.detail, "password")

    def test_read_only_requests_write_after_their_transaction(self):
        """Prints and logouts run on read-only cursors: their rows wait for
        the transaction's end and are then written on a cursor of their own
        (the hook Odoo's test cursors skip, so it is called here)."""
        cr = self.registry.cursor(readonly=True)
        try:
            env = self.env(cr=cr, user=self.colleague)
            env["oa.audit.log"]._oa_log("logout")
            cr.flush()
            rows = cr.postcommit.data.pop("oa.audit.log")
        finally:
            cr.close()
        self.assertFalse(self.trail(action="logout", login="sec_colleague"))
        self.env["oa.audit.log"]._oa_insert_own_cursor(rows)
        self.assertEqual(len(self.trail(action="logout", login="sec_colleague")), 1)
