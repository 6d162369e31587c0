# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import time
from contextlib import nullcontext
from datetime import datetime, timezone

from dateutil.relativedelta import relativedelta

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
    def _oa_record(self, user_id, kind, when=None):
        """Insert one visit of ``user_id`` (with his unit now) in one query,
        through a separate cursor when the current one is read-only (a
        read-only request, possibly served by a replica)."""
        when = when or fields.Datetime.now()
        cr = self.env.cr
        if cr.readonly:
            # as Odoo's own device log does: end the read-only transaction
            # (nothing was written) and write through a read/write cursor
            cr.rollback()
            cursor = self.env.registry.cursor(readonly=False)
        else:
            cursor = nullcontext(cr)
        with cursor as write_cr:
            write_cr.execute(
                SQL(
                    """INSERT INTO oa_visit (user_id, unit_id, datetime, kind)
                       SELECT id, oa_unit_id, %s, %s FROM res_users WHERE id = %s""",
                    when,
                    kind,
                    user_id,
                )
            )

    @api.model
    def _oa_track(self, session, path, now=None):
        """Called for every authenticated request: returns the kind of the
        visit recorded, or ``None``.  Within a minute of the last-seen time
        kept in the session it does nothing at all (no query, no session
        write)."""
        uid = session.uid
        if not uid or not path or path.startswith(IGNORED_PREFIXES):
            return None
        now = int(now if now is not None else time.time())
        last = session.get(SESSION_KEY)
        if isinstance(last, int | float) and 0 <= now - last < TOUCH_SECONDS:
            return None
        kind = None
        if not isinstance(last, int | float) or now - last >= self._oa_gap_seconds():
            kind = "return"
            self._oa_record(uid, kind, _utc(now))
        session[SESSION_KEY] = now
        return kind

    @api.model
    def _oa_login(self, user_id, session=None, now=None):
        """A successful login is a visit; the session starts its idle clock."""
        now = int(now if now is not None else time.time())
        self._oa_record(user_id, "login", _utc(now))
        if session is not None:
            session[SESSION_KEY] = now

    # ---- Demo ----

    @api.model
    def _oa_demo_populate(self, month_first_day, profiles):
        """Demo: a month of visits.  ``profiles`` is a list of ``(unit_id,
        share of working days, visits per day)``: each user of the unit is
        online on about that share of the working days, that many times a
        day (deterministic).  Then the month's and days' metrics."""
        first = fields.Date.to_date(month_first_day).replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        Snapshot = self.env["oa.usage.snapshot"]
        calendar = Snapshot._oa_calendar()
        days = calendar._oa_working_days(first, last)
        tz = calendar._oa_tz()
        rows = []
        for unit_id, share, per_day in profiles:
            users = self.env["res.users"].search(
                [("oa_unit_id", "=", unit_id), ("share", "=", False)], order="id"
            )
            for rank, user in enumerate(users):
                rng = random.Random(f"{user.login}-{first}")
                # a unit's users are not all alike: the first is the keenest
                user_share = max(0.0, min(1.0, share + 0.1 - 0.05 * rank))
                for day in days:
                    if rng.random() >= user_share:
                        continue
                    for n in range(per_day):
                        local = datetime.combine(day, datetime.min.time()).replace(
                            hour=8 + 4 * n, minute=rng.randrange(60)
                        )
                        moment = tz.localize(local).astimezone(timezone.utc)
                        rows.append(
                            {
                                "user_id": user.id,
                                "unit_id": unit_id,
                                "datetime": moment.replace(tzinfo=None),
                                "kind": "login" if n == 0 else "return",
                            }
                        )
        self.sudo().create(rows)
        Snapshot._oa_compute_days(first, last)
        Snapshot._oa_compute_month(first, date_to=last)


def _utc(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).replace(tzinfo=None)
