# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The local time of the columns: every month, day and "today" of the addon
is the user's (his time zone, as ``fields.Date.context_today`` takes it),
and the company's — Beijing time — when he has none.  The database stores
UTC: a moment of 1 December at 00:30 in Beijing is 30 November 16:30 UTC."""

from datetime import date, datetime, time

import pytz

from odoo import fields

# The group works on Beijing time.
DEFAULT_TZ = "Asia/Shanghai"


def local_tz(env):
    """The time zone of ``env`` (context, then user), Beijing by default."""
    name = env.context.get("tz") or env.user.tz or DEFAULT_TZ
    try:
        return pytz.timezone(name)
    except pytz.UnknownTimeZoneError:
        return pytz.timezone(DEFAULT_TZ)


def to_local(env, moment):
    """The naive local datetime of ``moment`` (a naive UTC datetime)."""
    return pytz.utc.localize(moment).astimezone(local_tz(env)).replace(tzinfo=None)


def to_utc(env, moment):
    """The naive UTC datetime of ``moment`` (a naive local datetime)."""
    aware = local_tz(env).localize(moment)
    return aware.astimezone(pytz.utc).replace(tzinfo=None)


def local_today(env):
    return to_local(env, fields.Datetime.now()).date()


def local_date(env, value):
    """The local day of ``value``: a (naive UTC) datetime or its string is
    converted, a date or an ISO date string is a day already (False stays
    False)."""
    if not value:
        return False
    if isinstance(value, datetime):
        return to_local(env, value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) <= 10:
        return fields.Date.to_date(value)
    return local_date(env, fields.Datetime.to_datetime(value))


def local_date_string(env, value):
    """``YYYY-MM-DD`` of the local day of ``value`` ("" when empty)."""
    day = local_date(env, value)
    return fields.Date.to_string(day) if day else ""


def local_month_start(env):
    """The first moment of the current local month, as a naive UTC
    datetime (what a ``>=`` on a stored Datetime compares with)."""
    first = local_today(env).replace(day=1)
    return to_utc(env, datetime.combine(first, time.min))
