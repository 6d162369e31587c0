# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The append-only, hash-chained audit trail (GB/T 22239 8.1.4.3).

Rows are never written through the ORM: ``_oa_log()`` queues them on the
cursor and one INSERT writes them when the transaction commits (precommit),
so a refused action leaves no row and an action costs no more than one
INSERT.  Login events are written at once on a separate cursor (the failed
login's own transaction is rolled back).

Each row carries ``prev_hash`` (the hash of the row before it) and ``hash``
= SM3(prev_hash || the row's content); rows are chained in id order, ids
being taken under an advisory lock.  PostgreSQL refuses UPDATE, DELETE and
TRUNCATE (trigger ``oa_audit_log_protect``) except the retention purge of
rows older than 180 days, run by the cron with ``oa_security.audit_purge``
set for its transaction.
"""

import hashlib
import json
import logging
import threading
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import mute_logger

from odoo.addons.oa_base.tools.local_time import company_tz, to_local

_logger = logging.getLogger(__name__)

GENESIS = "0" * 64
# the advisory lock every writer of the trail holds until it commits
CHAIN_LOCK = 0x0A_AD17
# PostgreSQL's floor for the purge, whatever the configuration (网络安全法 §21)
MIN_RETENTION_DAYS = 180
# the columns a row's hash covers, in this order: every column the auditor
# reads (the name shown too), but the hash itself
HASHED = (
    "id",
    "event_time",
    "user_id",
    "login",
    "user_name",
    "on_behalf_login",
    "ip",
    "action",
    "model",
    "res_id",
    "record_name",
    "result",
    "detail",
    "prev_hash",
)

ACTIONS = [
    ("login", "Login"),
    ("login_failed", "Failed login"),
    ("login_refused", "Login refused (account locked)"),
    ("lockout", "Account locked"),
    ("unlock", "Account unlocked"),
    ("logout", "Logout"),
    ("password", "Password change"),
    ("totp_enrol", "Two-factor authentication enrolled"),
    ("totp_disable", "Two-factor authentication disabled"),
    ("group_grant", "Group granted"),
    ("group_revoke", "Group removed"),
    ("duty_grant", "三员 duty granted"),
    ("duty_revoke", "三员 duty removed"),
    ("group_change", "Group definition changed"),
    ("flow", "Flow transition"),
    ("print", "Print"),
    ("export", "Export"),
    ("settings", "Settings change"),
    ("api", "API call"),
    ("purge", "Retention purge"),
    ("chain_check", "Chain check"),
]
RESULTS = [("success", "Success"), ("failure", "Failure"), ("refused", "Refused")]


def sm3_hex(data):
    """SM3 (GM/T 0004-2012) of ``data``: OpenSSL's when it has it, else the
    pure-Python ``gmssl``."""
    try:
        return hashlib.new("sm3", data).hexdigest()
    except ValueError:  # pragma: no cover - OpenSSL built without SM3
        from gmssl import func, sm3

        return sm3.sm3_hash(func.bytes_to_list(data))


def row_hash(row):
    """The hash of a row (a dict holding the ``HASHED`` columns)."""
    values = []
    for name in HASHED:
        value = row.get(name)
        if name == "event_time" and value and not isinstance(value, str):
            value = fields.Datetime.to_string(value)
        values.append(value if value not in (None, False) else None)
    content = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return sm3_hex(content.encode())


class OaAuditLog(models.Model):
    _name = "oa.audit.log"
    # every field is the system's: the suite's one guard, on top of the
    # model's own refusals
    _inherit = ["oa.flow.guard"]
    _oa_flow_fields = "__all__"
    _description = "Audit Trail"
    _order = "id desc"
    _log_access = False
    _rec_name = "action"

    event_time = fields.Datetime(
        string="Time", required=True, readonly=True, index=True
    )
    user_id = fields.Integer(string="User ID", readonly=True, index=True)
    login = fields.Char(string="Login", readonly=True, index=True)
    user_name = fields.Char(string="User", readonly=True)
    on_behalf_login = fields.Char(string="On Behalf Of", readonly=True)
    ip = fields.Char(string="Source IP", readonly=True)
    action = fields.Selection(ACTIONS, required=True, readonly=True, index=True)
    model = fields.Char(string="Target Model", readonly=True, index=True)
    res_id = fields.Integer(string="Target Record ID", readonly=True)
    record_name = fields.Char(string="Target", readonly=True)
    result = fields.Selection(RESULTS, required=True, readonly=True)
    detail = fields.Text(readonly=True)
    prev_hash = fields.Char(string="Previous Hash", readonly=True)
    hash = fields.Char(string="SM3 Hash", readonly=True)

    def init(self):
        cr = self.env.cr
        cr.execute(
            f"""
            CREATE OR REPLACE FUNCTION oa_audit_log_protect() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE'
                   AND current_setting('oa_security.audit_purge', true) = 'on'
                   AND OLD.event_time < (now() AT TIME ZONE 'UTC')
                       - interval '{MIN_RETENTION_DAYS} days' THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'oa_audit_log is append-only: % refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            DROP TRIGGER IF EXISTS oa_audit_log_protect ON oa_audit_log;
            CREATE TRIGGER oa_audit_log_protect BEFORE UPDATE OR DELETE
                ON oa_audit_log FOR EACH ROW EXECUTE FUNCTION oa_audit_log_protect();
            DROP TRIGGER IF EXISTS oa_audit_log_protect_truncate ON oa_audit_log;
            CREATE TRIGGER oa_audit_log_protect_truncate BEFORE TRUNCATE
                ON oa_audit_log FOR EACH STATEMENT
                EXECUTE FUNCTION oa_audit_log_protect();
            """
        )
        # the chain's tip is the last row itself (``_oa_tip``); the table
        # that held it was a row every writer updated, which made two
        # requests writing rows at once fail to serialize
        cr.execute("DROP TABLE IF EXISTS oa_audit_chain")

    # ---- CRUD: append-only ----

    @api.model_create_multi
    def create(self, vals_list):
        raise AccessError(self.env._("The audit trail is written by the system only."))

    def write(self, vals):
        raise AccessError(self.env._("The audit trail cannot be changed."))

    def unlink(self):
        raise AccessError(self.env._("The audit trail cannot be deleted."))

    def copy(self, default=None):
        raise AccessError(self.env._("The audit trail is written by the system only."))

    # ---- Writing ----

    @api.model
    def _oa_request_ip(self):
        if request:
            return request.httprequest.remote_addr
        return getattr(threading.current_thread(), "oa_remote_addr", None)

    @api.model
    def _oa_row(self, action, result="success", record=None, detail=None, **extra):
        """A row's values for the current user, request and time."""
        user = self.env.user
        row = {
            "event_time": fields.Datetime.to_string(fields.Datetime.now()),
            "user_id": user.id or None,
            "login": user.sudo().login if user else None,
            "user_name": user.sudo().name if user else None,
            "ip": self._oa_request_ip(),
            "action": action,
            "result": result,
            "detail": detail,
        }
        if record is not None:
            row["model"] = record._name
            row["res_id"] = record.id if len(record) == 1 else None
        row.update(extra)
        return row

    @api.model
    def _oa_log(self, action, result="success", record=None, detail=None, **extra):
        """Queue a row; it is written when the transaction commits (one
        INSERT for all the rows of a transaction).  In a read-only transaction
        (prints) it is written at once on a cursor of its own.  Returns the
        queued row (a dict)."""
        row = self._oa_row(action, result, record, detail, **extra)
        self._oa_queue().append(row)
        return row

    @api.model
    def _oa_queue(self):
        """The rows waiting for the end of the current transaction (a list
        to append to): written by one INSERT at commit, or for a read-only
        transaction after it, on a cursor of their own."""
        cr = self.env.cr
        if cr.readonly:
            # prints and logouts are read-only requests: written on a cursor
            # of their own once the request's transaction is over
            rows = cr.postcommit.data.get("oa.audit.log")
            if rows is None:
                rows = cr.postcommit.data["oa.audit.log"] = []
                cr.postcommit.add(self._oa_flush_after_readonly)
            return rows
        rows = cr.precommit.data.get("oa.audit.log")
        if rows is None:
            rows = cr.precommit.data["oa.audit.log"] = []
            cr.precommit.add(self._oa_flush_queue)
        return rows

    @api.model
    def _oa_log_refused(self, rows):
        """Queue the rows of a refused action (``result`` "refused"): they
        are written whatever ends the transaction.  Its rollback (the usual
        end of a refusal) takes its own rows away: these are then written
        after it, on a cursor of their own, as failed logins are; if it
        commits all the same (the refusal was caught), they are written
        with its other rows."""
        if not rows:
            return
        cr = self.env.cr
        # Odoo's test runner rolls the test's own cursor back when a test
        # class ends: rows of refusals made on it (not in a request, which
        # the HTTP server serves on its own threads) are not written then
        if not getattr(threading.current_thread(), "testing", False):
            kept = cr.postrollback.data.get("oa.audit.log")
            if kept is None:
                kept = cr.postrollback.data["oa.audit.log"] = []
                cr.postrollback.add(self._oa_flush_after_rollback)
            kept.extend(rows)
        self._oa_queue().extend(rows)

    def _oa_flush_queue(self):
        rows = self.env.cr.precommit.data.pop("oa.audit.log", None)
        if rows:
            self._oa_insert(self.env.cr, rows)

    def _oa_flush_after_readonly(self):
        rows = self.env.cr.postcommit.data.pop("oa.audit.log", None)
        if rows:
            self._oa_insert_own_cursor(rows)

    def _oa_flush_after_rollback(self):
        # called while the rolled back cursor closes: never raise from here
        # (the request's own error is the one to report)
        rows = self.env.cr.postrollback.data.pop("oa.audit.log", None)
        if not rows:
            return
        try:
            self._oa_insert_own_cursor(rows)
        except Exception:
            _logger.exception("oa.audit.log: refused rows not written: %s", rows)

    @api.model
    def _oa_trail_lang(self):
        """The language the trail's texts are written in when no user is
        known yet (logins): the company's."""
        lang = self.env.company.sudo().partner_id.lang
        return lang if lang and self.env["res.lang"]._lang_get(lang) else "en_US"

    @api.model
    def _oa_local_time(self, moment):
        """``moment`` (naive UTC) on the company's clock, with its zone."""
        tz = company_tz(self.env)
        local = to_local(self.env, moment, tz)
        return local.strftime("%Y-%m-%d %H:%M") + " (" + tz.zone + ")"

    @api.model
    def _oa_insert_own_cursor(self, rows):
        registry = self.env.registry
        with registry.cursor() as own:
            if not registry.in_test_mode():
                # a transaction of its own: after waiting for the lock, it
                # reads the tip the other writer committed
                own.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            self._oa_insert(own, rows, committed=True)

    @api.model
    def _oa_tip(self, cr, committed):
        """The hash of the last row (the chain's tip), read once the lock
        is held.  A read-committed transaction (``committed``) sees the rows
        the last writer committed; a request's (repeatable read) sees the
        trail as it was when it began, so the tip is also read by a
        transaction of its own, begun after the lock (the later of the
        two: the request may have written rows itself)."""
        query = "SELECT id, hash FROM oa_audit_log ORDER BY id DESC LIMIT 1"
        cr.execute(query)
        tip = cr.fetchone()
        if not committed and not self.env.registry.in_test_mode():
            try:
                with mute_logger("odoo.sql_db"), self.env.registry.cursor() as own:
                    own.execute(query)
                    latest = own.fetchone()
            except psycopg2.errors.UndefinedTable:
                latest = None  # the trail is created by this transaction
            if latest and (not tip or latest[0] > tip[0]):
                tip = latest
        return tip[1] if tip else GENESIS

    @api.model
    def _oa_insert(self, cr, rows, committed=False):
        """Chain and insert ``rows`` on ``cr`` (one INSERT) after the last
        row, under a lock held until ``cr`` commits (the chain has one
        order).  ``committed``: ``cr`` reads what others committed (read
        committed), see ``_oa_tip``.  No shared row is updated: requests
        writing rows at once wait for each other, none fails to serialize."""
        cr.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        prev = self._oa_tip(cr, committed)
        cr.execute(
            "SELECT nextval('oa_audit_log_id_seq') FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = sorted(r[0] for r in cr.fetchall())
        columns = [*HASHED, "hash"]
        values = []
        for row_id, row in zip(ids, rows, strict=True):
            row = dict(row, id=row_id, prev_hash=prev)
            row["hash"] = prev = row_hash(row)
            values.append(tuple(row.get(name) for name in columns))
        placeholder = f"({', '.join(['%s'] * len(columns))})"
        cr.execute(
            f"INSERT INTO oa_audit_log ({', '.join(columns)}) VALUES "
            + ", ".join([placeholder] * len(values)),
            [value for row in values for value in row],
        )

    # ---- Chain check ----

    @api.model
    def _oa_check_chain(self):
        """Recompute the chain in id order.  Returns ``(checked, broken_id)``:
        the number of rows checked and the first row whose hash does not
        match its content or whose link to the row before it is broken
        (False when the chain holds).  The first row left after a purge is
        trusted for its link (its predecessor was purged)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(f"SELECT {', '.join(HASHED)}, hash FROM oa_audit_log ORDER BY id")
        names = [*HASHED, "hash"]
        checked = 0
        previous = None
        while batch := cr.fetchmany(2000):
            for values in batch:
                row = dict(zip(names, values, strict=True))
                checked += 1
                if previous is not None and row["prev_hash"] != previous:
                    return checked, row["id"]
                if row_hash(row) != row["hash"]:
                    return checked, row["id"]
                previous = row["hash"]
        return checked, False

    @api.model
    def _oa_verify_and_log(self):
        checked, broken = self._oa_check_chain()
        if broken:
            detail = self.env._(
                "Chain broken at row %(id)s (%(count)s rows checked).",
                id=broken,
                count=checked,
            )
            _logger.warning("oa.audit.log: %s", detail)
        else:
            detail = self.env._("Chain intact (%(count)s rows).", count=checked)
        self._oa_log(
            "chain_check",
            result="failure" if broken else "success",
            detail=detail,
            res_id=broken or None,
        )
        return checked, broken, detail

    @api.model
    def action_check_chain(self):
        """The auditor's button: verify the chain now."""
        self.check_access("read")
        checked, broken, detail = self._oa_verify_and_log()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Audit trail check"),
                "message": detail,
                "type": "danger" if broken else "success",
                "sticky": bool(broken),
            },
        }

    @api.model
    def _cron_check_chain(self):
        self._oa_verify_and_log()

    # ---- Retention ----

    @api.model
    def _oa_retention_days(self):
        param = self.env["ir.config_parameter"].sudo()
        try:
            days = int(param.get_param("oa_security.audit_retention_days", 180))
        except ValueError:
            days = MIN_RETENTION_DAYS
        return max(days, MIN_RETENTION_DAYS)

    @api.model
    def _cron_purge(self):
        """Delete the rows older than the retention (at least 180 days); the
        purge itself leaves a row naming the last purged row and its hash."""
        days = self._oa_retention_days()
        limit = fields.Datetime.now() - timedelta(days=days)
        cr = self.env.cr
        cr.execute(
            "SELECT id, hash FROM oa_audit_log WHERE event_time < %s "
            "ORDER BY id DESC LIMIT 1",
            [limit],
        )
        last = cr.fetchone()
        if not last:
            return 0
        cr.execute("SET LOCAL oa_security.audit_purge = 'on'")
        try:
            cr.execute(
                "DELETE FROM oa_audit_log WHERE id <= %s AND event_time < %s",
                [last[0], limit],
            )
            count = cr.rowcount
        finally:
            cr.execute("SET LOCAL oa_security.audit_purge = 'off'")
        self._oa_log(
            "purge",
            detail=self.env._(
                "%(count)s rows older than %(days)s days purged, up to row "
                "%(id)s (hash %(hash)s).",
                count=count,
                days=days,
                id=last[0],
                hash=last[1],
            ),
        )
        return count
