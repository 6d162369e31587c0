# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's time zone, in one place: the time zone of its working
schedule, Asia/Shanghai by default (set on install).  Every "which day is
it" of the suite — metrics, months, deadlines, to-dos of users without a
time zone of their own — reads it here (``oa_base.tools.local_time``)."""

import math
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools

DEFAULT_TZ = "Asia/Shanghai"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _oa_tz(self):
        """This schedule's time zone (the default one for no schedule)."""
        try:
            return pytz.timezone((self[:1].tz if self else None) or DEFAULT_TZ)
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(DEFAULT_TZ)

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
        """THE company's time zone, never a user's (cached: every to-do and
        every date of the suite asks it)."""
        company = company or self.env.company
        return pytz.timezone(self._oa_company_tz_name(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _oa_company_tz_name(self, company_id):
        company = self.env["res.company"].browse(company_id)
        return self._oa_company_calendar(company)._oa_tz().zone

    def write(self, vals):
        if {"tz", "attendance_ids", "global_leave_ids"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

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
        calendar or of every calendar), plus the make-up working days (调休,
        ``_oa_makeup_days``).  Three queries, whatever the range."""
        self.ensure_one()
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_to < date_from:
            return []
        weekdays = {int(a.dayofweek) for a in self.attendance_ids if not a.resource_id}
        holidays = self._oa_holidays(date_from, date_to)
        makeup = self._oa_makeup_days(date_from, date_to)
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

    def _oa_makeup_days(self, date_from, date_to):
        """Rest days worked to make up for a public holiday (调休) from
        ``date_from`` to ``date_to``: none here (oa_assessment keeps them)."""
        return set()

    @api.model
    def _oa_company_deadline(self, start, working_days):
        """The deadline of a step opened at ``start`` (naive UTC) with
        ``working_days`` working days of the company calendar to act: the
        end (local midnight) of the ``working_days``-th working day after
        the local day of ``start``, as naive UTC; False without a limit.
        No query once cached."""
        if not start or not working_days or working_days <= 0:
            return False
        tz = self._oa_company_tz()
        calendar = self.browse(self._oa_company_calendar_id(self.env.company.id))
        local_day = pytz.utc.localize(start).astimezone(tz).date()
        # a fraction of a day still gives the whole working day
        last = calendar.sudo()._oa_deadline_day(local_day, math.ceil(working_days))
        end = tz.localize(datetime.combine(last + timedelta(days=1), time.min))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    @tools.ormcache("company_id")
    def _oa_company_calendar_id(self, company_id):
        company = self.env["res.company"].browse(company_id)
        return self._oa_company_calendar(company).id

    @tools.ormcache("self.id", "day", "count")
    def _oa_deadline_day(self, day, count):
        """``_oa_add_working_days``, cached: every step opened asks it; a
        change of the working days, holidays or make-up days clears it."""
        return self._oa_add_working_days(day, count)


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    # a public holiday (no resource) moves the deadlines of the steps
    # (``resource.calendar._oa_deadline_day``, cached)

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if any(not leave.resource_id for leave in leaves):
            self.env.registry.clear_cache()
        return leaves

    def write(self, vals):
        if any(not leave.resource_id for leave in self) or vals.get("resource_id"):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if any(not leave.resource_id for leave in self):
            self.env.registry.clear_cache()
        return super().unlink()
