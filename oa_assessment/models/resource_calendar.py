# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    oa_workday_ids = fields.One2many(
        "oa.calendar.workday",
        "calendar_id",
        string="Make-up Working Days",
        help="Rest days that are worked to make up for a public holiday (调休).",
    )

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
