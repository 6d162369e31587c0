# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

PARAM_TARGET_A = "oa_assessment.target_a"
PARAM_TARGET_B = "oa_assessment.target_b"
PARAM_REGULAR = "oa_assessment.regular_ratio"
DEFAULTS = {PARAM_TARGET_A: 1.0, PARAM_TARGET_B: 0.30, PARAM_REGULAR: 0.80}


class OaUsageSnapshot(models.Model):
    """Usage metrics of a unit for a day or a month (notice 三(一)4):

    * A, 人均上线频率 = visits by the unit's registered users on working days
      ÷ (registered users × working days), target A > 1;
    * B, 经常性在线率 = registered users with at least one visit on ≥ 80 %
      (configurable) of the working days ÷ registered users, target B > 30 %.

    Stored once computed, with the membership of the time (a visit carries
    the unit of its user at the time), so the past does not change when
    people move."""

    _name = "oa.usage.snapshot"
    _description = "Usage Metrics Snapshot"
    _inherit = ["oa.flow.guard"]
    _order = "date desc, period, unit_id"
    _rec_name = "unit_id"
    # every field: only the computation (``_oa_store``) writes them
    _oa_flow_fields = (
        "unit_id",
        "period",
        "date",
        "date_to",
        "user_count",
        "working_days",
        "visit_count",
        "regular_user_count",
        "rate_a",
        "rate_b",
        "target_a",
        "target_b",
        "pass_a",
        "pass_b",
        "below_target",
    )

    unit_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, readonly=True
    )
    period = fields.Selection(
        [("day", "Day"), ("month", "Month")], required=True, index=True, readonly=True
    )
    date = fields.Date(
        required=True,
        index=True,
        readonly=True,
        help="The day, or the first day of the month.",
    )
    date_to = fields.Date(
        string="Up To",
        readonly=True,
        help="The last day counted (a month still running is counted up to "
        "the day before its computation).",
    )
    user_count = fields.Integer(string="Registered Users", readonly=True)
    working_days = fields.Integer(readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    regular_user_count = fields.Integer(
        string="Regular Users",
        readonly=True,
        help="Users with at least one visit on enough of the working days.",
    )
    # the exact ratio (double precision): "A > 1" is judged on it, the
    # views round it for display only
    rate_a = fields.Float(
        string="A (Visits per Person per Day)",
        readonly=True,
        aggregator="avg",
    )
    rate_b = fields.Float(
        string="B (Regular Online Rate)",
        digits=(16, 4),
        readonly=True,
        aggregator="avg",
    )
    target_a = fields.Float(string="Target A", readonly=True, aggregator="avg")
    target_b = fields.Float(string="Target B", readonly=True, aggregator="avg")
    pass_a = fields.Boolean(string="A Reached", readonly=True)
    pass_b = fields.Boolean(string="B Reached", readonly=True)
    below_target = fields.Boolean(
        string="Below Target", readonly=True, index=True, aggregator="bool_or"
    )

    _sql_constraints = [
        (
            "unit_period_date_unique",
            "UNIQUE(unit_id, period, date)",
            "One snapshot per unit, period and date.",
        )
    ]

    def _compute_display_name(self):
        for snap in self:
            when = (
                snap.date.strftime("%Y-%m")
                if snap.period == "month" and snap.date
                else fields.Date.to_string(snap.date)
            )
            snap.display_name = f"{snap.unit_id.name} · {when}"

    # ---- CRUD: only the computation writes (oa.flow.guard) ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._oa_refuse()
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_computation(self):
        if not self.env.su:
            self._oa_refuse()

    def _oa_refuse(self):
        raise UserError(
            self.env._("Usage metrics are computed from the recorded visits.")
        )

    # ---- Settings ----

    @api.model
    def _oa_param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return float(value) if value not in (None, False, "") else DEFAULTS[key]
        except ValueError:
            return DEFAULTS[key]

    @api.model
    def _oa_calendar(self):
        return self.env.company.resource_calendar_id or self.env.ref(
            "resource.resource_calendar_std"
        )

    @api.model
    def _oa_today(self):
        """Today in the company's time zone (its working schedule's,
        Asia/Shanghai): "today" and "this month" are Beijing's, whatever the
        time zone of the user or the server (16:00–24:00 UTC is already
        tomorrow in Beijing)."""
        tz = self._oa_calendar()._oa_tz()
        return fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).date()

    @api.model
    def _oa_units(self, units=None):
        if units is None:
            return self.env["hr.department"].sudo().search([("is_oa_unit", "=", True)])
        return units.sudo()

    # ---- Computation ----

    @api.model
    def _oa_registered_users(self, units):
        """Registered users per unit now: active internal users whose OA
        unit it is."""
        self.env["res.users"].flush_model(["oa_unit_id", "active", "share"])
        self.env.cr.execute(
            """SELECT oa_unit_id, count(*) FROM res_users
                WHERE active AND NOT share AND oa_unit_id = ANY(%s)
                GROUP BY oa_unit_id""",
            [units.ids],
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _oa_bounds(self, calendar, date_from, date_to):
        tz = calendar._oa_tz()

        def utc(day):
            moment = tz.localize(datetime.combine(day, time.min))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        return tz.zone, utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _oa_aggregate(self, date_from, date_to, units):
        """A and B of ``units`` over the working days from ``date_from`` to
        ``date_to``: ``{unit_id: {...}}``.  One query over the visits."""
        calendar = self._oa_calendar()
        days = calendar._oa_working_days(date_from, date_to)
        tz, start, stop = self._oa_bounds(calendar, date_from, date_to)
        ratio = self._oa_param(PARAM_REGULAR)
        registered = self._oa_registered_users(units)
        rows = {}
        if days and units:
            self.env.cr.execute(
                SQL(
                    """
                WITH v AS (
                    SELECT unit_id, user_id,
                           (datetime AT TIME ZONE 'UTC'
                                     AT TIME ZONE %(tz)s)::date AS day
                      FROM oa_visit
                     WHERE datetime >= %(start)s AND datetime < %(stop)s
                       AND unit_id = ANY(%(units)s)
                ), per_user AS (
                    SELECT unit_id, user_id, count(*) AS visits,
                           count(DISTINCT day) AS days
                      FROM v
                     WHERE day = ANY(%(days)s)
                     GROUP BY unit_id, user_id
                )
                SELECT unit_id, sum(visits)::int,
                       count(*) FILTER (WHERE days >= %(need)s * %(count)s)
                  FROM per_user
                 GROUP BY unit_id
                """,
                    tz=tz,
                    start=start,
                    stop=stop,
                    units=units.ids,
                    days=days,
                    need=ratio - 1e-9,
                    count=len(days),
                )
            )
            rows = {
                unit_id: (visits, regular)
                for unit_id, visits, regular in self.env.cr.fetchall()
            }
        return {
            unit.id: self._oa_rates(
                registered.get(unit.id, 0), len(days), *rows.get(unit.id, (0, 0))
            )
            for unit in units
        }

    @api.model
    def _oa_rates(self, users, working_days, visits, regular):
        target_a = self._oa_param(PARAM_TARGET_A)
        target_b = self._oa_param(PARAM_TARGET_B)
        rate_a = visits / (users * working_days) if users and working_days else 0.0
        rate_b = regular / users if users else 0.0
        pass_a, pass_b = rate_a > target_a, rate_b > target_b
        return {
            "user_count": users,
            "working_days": working_days,
            "visit_count": visits,
            "regular_user_count": regular,
            "rate_a": rate_a,
            "rate_b": rate_b,
            "target_a": target_a,
            "target_b": target_b,
            "pass_a": pass_a,
            "pass_b": pass_b,
            "below_target": not (pass_a and pass_b),
        }

    @api.model
    def _oa_store(self, period, date, date_to, values):
        """Replace the snapshots of ``period``/``date`` for the units of
        ``values`` (``{unit_id: {...}}``): recomputing never duplicates."""
        Snapshot = self.sudo()
        Snapshot.search(
            [
                ("period", "=", period),
                ("date", "=", date),
                ("unit_id", "in", list(values)),
            ]
        ).unlink()
        return Snapshot.create(
            [
                dict(row, unit_id=unit_id, period=period, date=date, date_to=date_to)
                for unit_id, row in values.items()
            ]
        ).with_env(self.env)

    @api.model
    def _oa_compute_month(self, month_first_day, units=None, date_to=None):
        """Compute and store the month snapshots of ``units`` (every OA unit
        by default) for the month of ``month_first_day``; a month still
        running is counted up to today (Beijing's) included.  Returns the
        snapshots."""
        first = fields.Date.to_date(month_first_day)
        if not first:
            raise UserError(self.env._("Choose the month to compute."))
        first = first.replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        if date_to is None:
            today = self._oa_today()
            date_to = min(last, today) if today >= first else last
        units = self._oa_units(units)
        values = self._oa_aggregate(first, date_to, units)
        return self._oa_store("month", first, date_to, values)

    @api.model
    def _oa_compute_days(self, date_from, date_to, units=None):
        """Compute and store the day snapshots of each working day from
        ``date_from`` to ``date_to``: one query over the visits."""
        units = self._oa_units(units)
        calendar = self._oa_calendar()
        days = calendar._oa_working_days(date_from, date_to)
        if not days or not units:
            return self.browse()
        tz, start, stop = self._oa_bounds(calendar, days[0], days[-1])
        registered = self._oa_registered_users(units)
        self.env.cr.execute(
            SQL(
                """
            WITH v AS (
                SELECT unit_id, user_id,
                       (datetime AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day
                  FROM oa_visit
                 WHERE datetime >= %(start)s AND datetime < %(stop)s
                   AND unit_id = ANY(%(units)s)
            )
            SELECT unit_id, day, count(*)::int, count(DISTINCT user_id)::int
              FROM v
             WHERE day = ANY(%(days)s)
             GROUP BY unit_id, day
            """,
                tz=tz,
                start=start,
                stop=stop,
                units=units.ids,
                days=days,
            )
        )
        found = {
            (unit_id, day): (v, u) for unit_id, day, v, u in self.env.cr.fetchall()
        }
        snapshots = self.browse()
        for day in days:
            values = {
                unit.id: self._oa_rates(
                    registered.get(unit.id, 0), 1, *found.get((unit.id, day), (0, 0))
                )
                for unit in units
            }
            snapshots |= self._oa_store("day", day, day, values)
        return snapshots

    @api.model
    def _cron_snapshot(self):
        """Every night: yesterday's day snapshots, the month that ended
        yesterday if one did, and the current month so far, today included
        (days of the company's time zone)."""
        today = self._oa_today()
        yesterday = today - timedelta(days=1)
        self._oa_compute_days(yesterday, yesterday)
        if yesterday.month != today.month:
            self._oa_compute_month(yesterday.replace(day=1), date_to=yesterday)
        self._oa_compute_month(today.replace(day=1), date_to=today)

    # ---- Actions ----

    def action_recompute_month(self):
        """Project group: recompute the months shown (or the current one)."""
        if not (self.env.su or self.env.user._oa_is_project()):
            raise AccessError(
                self.env._("Only the project group recomputes usage metrics.")
            )
        months = set(self.filtered(lambda s: s.period == "month").mapped("date"))
        for month in months or {self._oa_today().replace(day=1)}:
            self.sudo()._oa_compute_month(month)
        return {"type": "ir.actions.client", "tag": "reload"}
