# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Local time for the whole suite.  The database stores UTC (1 December at
00:30 in Beijing is 30 November 16:30 UTC); what people see and count —
"today", "this month", a to-do's due date — is local:

- a person's day is his time zone's (the context's for the current user,
  then his preference), and the company's when he has none;
- the company's figures (metrics, assessments, deadlines) are the company's
  time zone's (``company_tz``), whoever asks.

The company's time zone is its working schedule's (``resource.calendar``
``_oa_company_tz``, Asia/Shanghai by default)."""

from datetime import date, datetime, time

import pytz

from odoo import fields


def company_tz(env):
    """The company's time zone (its working schedule's)."""
    return env["resource.calendar"]._oa_company_tz()


def user_tz(env, user=None):
    """The time zone of ``user`` (the current user by default: the
    context's time zone first), the company's when he has none."""
    if user is None or user == env.user:
        name = env.context.get("tz") or env.user.tz
    else:
        name = user.sudo().tz
    if name:
        try:
            return pytz.timezone(name)
        except pytz.UnknownTimeZoneError:
            pass
    return company_tz(env)


def to_local(env, moment, tz=None):
    """The naive local datetime of ``moment`` (a naive UTC datetime)."""
    tz = tz or user_tz(env)
    return pytz.utc.localize(moment).astimezone(tz).replace(tzinfo=None)


def to_utc(env, moment, tz=None):
    """The naive UTC datetime of ``moment`` (a naive local datetime)."""
    tz = tz or user_tz(env)
    return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)


def local_today(env, user=None):
    """Today for ``user`` (the current user by default)."""
    return to_local(env, fields.Datetime.now(), user_tz(env, user)).date()


def company_today(env):
    """Today in the company's time zone."""
    return to_local(env, fields.Datetime.now(), company_tz(env)).date()


def local_date(env, value, tz=None):
    """The local day of ``value``: a (naive UTC) datetime or its string is
    converted, a date or an ISO date string is a day already (False stays
    False)."""
    if not value:
        return False
    if isinstance(value, datetime):
        return to_local(env, value, tz).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) <= 10:
        return fields.Date.to_date(value)
    return local_date(env, fields.Datetime.to_datetime(value), tz)


def local_date_string(env, value, tz=None):
    """``YYYY-MM-DD`` of the local day of ``value`` ("" when empty)."""
    day = local_date(env, value, tz)
    return fields.Date.to_string(day) if day else ""


def local_month_start(env, tz=None):
    """The first moment of the current local month, as a naive UTC datetime
    (what a ``>=`` on a stored Datetime compares with)."""
    tz = tz or user_tz(env)
    first = to_local(env, fields.Datetime.now(), tz).date().replace(day=1)
    return to_utc(env, datetime.combine(first, time.min), tz)
