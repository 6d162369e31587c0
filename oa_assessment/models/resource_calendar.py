# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# the suite's group companies work in China: the company's working schedule,
# its public holidays and make-up days are in Beijing time (set on install)
DEFAULT_TZ = "Asia/Shanghai"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    oa_workday_ids = fields.One2many(
        "oa.calendar.workday",
        "calendar_id",
        string="Make-up Working Days",
        help="Rest days that are worked to make up for a public holiday (调休).",
    )

    def _oa_tz(self):
        return (
            pytz.timezone(self.tz or DEFAULT_TZ) if self else pytz.timezone(DEFAULT_TZ)
        )

    # ---- The company's working schedule and time zone ----

    @api.model
    def _oa_company_calendar(self, company=None):
        """The working schedule of ``company`` (the current one by default)
        that counts the suite's days: working days, holidays, deadlines."""
        company = company or self.env.company
        return (
            company.sudo().resource_calendar_id
            or self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
            or self.browse()
        ).with_env(self.env)

    @api.model
    def _oa_company_tz(self, company=None):
        """THE company's time zone: its working schedule's (Asia/Shanghai,
        set on install).  Every "which day is it" of the suite's metrics,
        months and deadlines reads it here, never a user's time zone."""
        return self._oa_company_calendar(company)._oa_tz()

    @api.model
    def _oa_setup_company_tz(self):
        """Install: the companies' working schedules (and Odoo's standard
        one, the default of new companies) are in China's time zone; Odoo
        created them in the installing user's (Europe/Brussels in a demo
        database), which moved a 05:30 Monday visit to Sunday."""
        calendars = self.env["res.company"].sudo().search([]).resource_calendar_id
        std = self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
        calendars = (calendars | (std or self.browse())).sudo()
        calendars.filtered(lambda c: c.tz != DEFAULT_TZ).write({"tz": DEFAULT_TZ})
        # the users data is loaded as (OdooBot) and the first administrator
        # work in the company's time zone too: Odoo reads a public holiday
        # given by a user of another zone as his local time and shifts it
        users = self.env.ref("base.user_root") | self.env.ref("base.user_admin")
        users.sudo().filtered(lambda u: u.tz != DEFAULT_TZ).write({"tz": DEFAULT_TZ})

    def _oa_working_days(self, date_from, date_to):
        """The working dates from ``date_from`` to ``date_to`` (both
        included): the days of the week the calendar works, less its public
        holidays (``resource.calendar.leaves`` without a resource, of this
        calendar or of every calendar), plus the make-up working days (调休)
        of ``oa.calendar.workday``.  Three queries, whatever the range."""
        self.ensure_one()
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            return []
        weekdays = {int(a.dayofweek) for a in self.attendance_ids if not a.resource_id}
        holidays = self._oa_holidays(date_from, date_to)
        makeup = set(
            self.env["oa.calendar.workday"]
            .sudo()
            .search(
                [
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    "|",
                    ("calendar_id", "=", self.id),
                    ("calendar_id", "=", False),
                ]
            )
            .mapped("date")
        )
        days = []
        day = date_from
        while day <= date_to:
            if day in makeup or (day.weekday() in weekdays and day not in holidays):
                days.append(day)
            day += timedelta(days=1)
        return days

    def _oa_holidays(self, date_from, date_to):
        """Dates covered by the calendar's public holidays, in its time zone."""
        tz = self._oa_tz()
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min))
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [self.id, False]),
                    ("date_from", "<", stop.astimezone(pytz.utc).replace(tzinfo=None)),
                    ("date_to", ">", start.astimezone(pytz.utc).replace(tzinfo=None)),
                ]
            )
        )
        dates = set()
        for leave in leaves:
            first = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            # a holiday ending at midnight does not cover the next day
            last = (
                pytz.utc.localize(leave.date_to).astimezone(tz) - timedelta(seconds=1)
            ).date()
            day = first
            while day <= last:
                dates.add(day)
                day += timedelta(days=1)
        return dates

    def _oa_add_working_days(self, day, count):
        """The ``count``-th working day after ``day`` (``day`` itself when
        ``count`` is 0 and it is a working day)."""
        self.ensure_one()
        day = fields.Date.to_date(day)
        if not day:
            return False
        horizon = max(31, count * 3 + 31)
        days = [
            d
            for d in self._oa_working_days(day, day + timedelta(days=horizon))
            if d > day
        ]
        if count <= 0:
            return day
        return days[count - 1] if len(days) >= count else day + timedelta(days=horizon)
