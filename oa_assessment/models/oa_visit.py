# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

SESSION_KEY = "oa_last_seen"
GAP_PARAM = "oa_assessment.visit_gap_minutes"
DEFAULT_GAP_MINUTES = 30
# the last-seen time in the session is refreshed at most once a minute
TOUCH_SECONDS = 60
# the websocket's handshake, reconnects and presence pings are no visits
IGNORED_PREFIXES = ("/websocket",)
# the advisory lock (namespace, user id) under which a return is decided
LOCK_NAMESPACE = 0x6F61


class OaVisit(models.Model):
    """A visit (上线): a login, or the first authenticated request after at
    least 30 minutes (configurable) without any.  Odoo keeps no history of
    this (``res.users.log``, ``res.device.log`` and ``bus.presence`` are
    garbage-collected down to the last row per user): one compact row per
    visit, written by one INSERT, never one per request.  The unit is the
    user's unit at the time, so metrics of the past do not change when
    people move."""

    _name = "oa.visit"
    _description = "Visit (上线)"
    _inherit = ["oa.flow.guard"]
    _order = "datetime desc, id desc"
    _log_access = False
    _rec_name = "user_id"
    # every field: recorded by ``_oa_record`` only
    _oa_flow_fields = ("user_id", "unit_id", "datetime", "kind")

    user_id = fields.Many2one(
        "res.users", string="User", required=True, ondelete="cascade", readonly=True
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        ondelete="set null",
        readonly=True,
        help="The user's unit at the time of the visit.",
    )
    datetime = fields.Datetime(required=True, readonly=True)
    kind = fields.Selection(
        [("login", "Login"), ("return", "Return after a Pause")],
        required=True,
        readonly=True,
    )

    def init(self):
        # the monthly aggregate reads a range of time: an index-only scan
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS oa_visit_datetime_idx
                   ON oa_visit (datetime) INCLUDE (unit_id, user_id)"""
        )
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS oa_visit_user_datetime_idx
                   ON oa_visit (user_id, datetime)"""
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Visits are recorded by the system."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_system(self):
        if not self.env.su:
            raise UserError(self.env._("Visits are recorded by the system."))

    # ---- Recording ----

    @api.model
    def _oa_gap_seconds(self):
        # ir.config_parameter is cached: no query once read
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(GAP_PARAM, DEFAULT_GAP_MINUTES)
        )
        try:
            minutes = float(value)
        except (TypeError, ValueError):
            minutes = DEFAULT_GAP_MINUTES
        return max(minutes, 1.0) * 60

    @api.model
    def _oa_record(self, user_id, kind, when=None, since=None):
        """Insert one visit of ``user_id`` (with his unit now) in one query,
        through a separate cursor when the current one is read-only (a
        read-only request, possibly served by a replica).

        With ``since``, the visit is recorded only if the user has none
        after ``since``, and that is decided in the database: in a short
        transaction of its own (read committed), under a lock per user,
        so that concurrent requests (threads, prefork workers, nodes)
        returning after the same pause record one visit.  Returns whether
        a visit was recorded."""
        when = when or fields.Datetime.now()
        cr = self.env.cr
        if since is None and not cr.readonly:
            return self._oa_insert(cr, user_id, kind, when)
        if cr.readonly:
            # as Odoo's own device log does: end the read-only transaction
            # (nothing was written) and write through a read/write cursor
            cr.rollback()
        registry = self.env.registry
        with registry.cursor(readonly=False) as write_cr:
            if since is not None and not registry.in_test_mode():
                # read committed: what a concurrent transaction committed
                # while this one waited for the lock is seen
                write_cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            return self._oa_insert(write_cr, user_id, kind, when, since)

    @api.model
    def _oa_insert(self, cr, user_id, kind, when, since=None):
        if since is None:
            cr.execute(
                SQL(
                    """INSERT INTO oa_visit (user_id, unit_id, datetime, kind)
                       SELECT id, oa_unit_id, %s, %s FROM res_users WHERE id = %s""",
                    when,
                    kind,
                    user_id,
                )
            )
            return bool(cr.rowcount)
        cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_NAMESPACE, user_id))
        cr.execute(
            SQL(
                """INSERT INTO oa_visit (user_id, unit_id, datetime, kind)
                   SELECT u.id, u.oa_unit_id, %s, %s FROM res_users u
                    WHERE u.id = %s
                      AND NOT EXISTS (SELECT 1 FROM oa_visit v
                                       WHERE v.user_id = u.id
                                         AND v.datetime > %s)""",
                when,
                kind,
                user_id,
                since,
            )
        )
        return bool(cr.rowcount)

    @api.model
    def _oa_track(self, session, path, now=None):
        """Called for every authenticated request: returns the kind of the
        visit recorded, or ``None``.  Within a minute of the last-seen time
        kept in the session it does nothing at all (no query, no session
        write).  After a pause the session only says "maybe": the database
        decides (no visit of the user within the pause, see ``_oa_record``),
        so simultaneous requests after a pause are one visit."""
        uid = session.uid
        if not uid or not path or path.startswith(IGNORED_PREFIXES):
            return None
        now = int(now if now is not None else time.time())
        last = session.get(SESSION_KEY)
        if isinstance(last, int | float) and 0 <= now - last < TOUCH_SECONDS:
            return None
        kind = None
        gap = self._oa_gap_seconds()
        if not isinstance(last, int | float) or now - last >= gap:
            if self._oa_record(uid, "return", _utc(now), since=_utc(now - gap)):
                kind = "return"
        session[SESSION_KEY] = now
        return kind

    @api.model
    def _oa_login(self, user_id, session=None, now=None):
        """A successful login is a visit; the session starts its idle clock.
        Signing in again a session that is already this user's and active
        (the password-change form authenticates twice in one request) is
        the same sign-in: no second visit."""
        now = int(now if now is not None else time.time())
        if session is not None:
            last = session.get(SESSION_KEY)
            if (
                session.uid == user_id
                and isinstance(last, int | float)
                and 0 <= now - last < self._oa_gap_seconds()
            ):
                session[SESSION_KEY] = now
                return False
        self._oa_record(user_id, "login", _utc(now))
        if session is not None:
            session[SESSION_KEY] = now
        return True


def _utc(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)
