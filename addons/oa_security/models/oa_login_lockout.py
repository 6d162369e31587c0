# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Failed logins counted per account, in the database (GB/T 22239 8.1.4.1 b).

One row per login tried.  A failure is counted by one atomic UPSERT on a
cursor of its own (the failed login's transaction is rolled back), so every
worker and every node adds to the same count; the N-th failure within the
window locks the account until ``locked_until``.
"""

from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.oa_base.tools.local_time import company_tz

DEFAULTS = {
    "oa_security.lockout_max_failures": 5,
    "oa_security.lockout_window_minutes": 15,
    "oa_security.lockout_minutes": 30,
}
# bounds a configuration cannot leave (a limit must exist)
BOUNDS = {
    "oa_security.lockout_max_failures": (1, 10),
    "oa_security.lockout_window_minutes": (1, 24 * 60),
    "oa_security.lockout_minutes": (1, 24 * 60),
}


class OaLoginLockout(models.Model):
    _name = "oa.login.lockout"
    # every field is the system's: the suite's one guard, on top of the
    # model's own refusals
    _inherit = ["oa.flow.guard"]
    _oa_flow_fields = "__all__"
    _description = "Login Failures and Lockout"
    _order = "locked_until desc nulls last, last_failure desc"
    _rec_name = "login"

    login = fields.Char(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="User", readonly=True, ondelete="cascade"
    )
    failure_count = fields.Integer(string="Failures", readonly=True)
    window_start = fields.Datetime(string="First Failure", readonly=True)
    last_failure = fields.Datetime(readonly=True)
    last_ip = fields.Char(string="Last Source IP", readonly=True)
    locked_until = fields.Datetime(readonly=True)
    is_locked = fields.Boolean(
        string="Locked", compute="_compute_is_locked", search="_search_is_locked"
    )

    _sql_constraints = [
        ("login_unique", "UNIQUE(login)", "One row per login."),
    ]

    def _compute_is_locked(self):
        now = fields.Datetime.now()
        for row in self:
            row.is_locked = bool(row.locked_until and row.locked_until > now)

    def _search_is_locked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        locked = (operator == "=") == value
        now = fields.Datetime.now()
        if locked:
            return [("locked_until", ">", now)]
        return ["|", ("locked_until", "=", False), ("locked_until", "<=", now)]

    # ---- Configuration ----

    @api.model
    def _oa_param(self, key):
        raw = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            value = int(raw) if raw not in (None, False, "") else DEFAULTS[key]
        except ValueError:
            value = DEFAULTS[key]
        low, high = BOUNDS[key]
        return min(max(value, low), high)

    # ---- Counting (called from res.users._assert_can_auth) ----

    @api.model
    def _oa_locked_until(self, login):
        """When the account ``login`` is locked until (naive UTC), or None."""
        self.env.cr.execute(
            "SELECT locked_until FROM oa_login_lockout "
            "WHERE login = %s AND locked_until > %s",
            [login, fields.Datetime.now()],
        )
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _oa_has_failures(self, login):
        self.env.cr.execute(
            "SELECT 1 FROM oa_login_lockout WHERE login = %s AND failure_count > 0",
            [login],
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _oa_register_failure(self, cr, login, user_id, ip):
        """Count one failure of ``login`` on ``cr`` (atomic UPSERT).  Returns
        ``(count, locked_until)``, ``locked_until`` set when this failure
        locks the account."""
        now = fields.Datetime.now()
        limit = self._oa_param("oa_security.lockout_max_failures")
        window = now - timedelta(
            minutes=self._oa_param("oa_security.lockout_window_minutes")
        )
        until = now + timedelta(minutes=self._oa_param("oa_security.lockout_minutes"))
        cr.execute(
            """
            INSERT INTO oa_login_lockout AS l
                (login, user_id, failure_count, window_start, last_failure,
                 last_ip, locked_until, create_uid, create_date, write_uid,
                 write_date)
            VALUES (%(login)s, %(uid)s, 1, %(now)s, %(now)s, %(ip)s,
                    CASE WHEN 1 >= %(limit)s THEN %(until)s::timestamp END,
                    1, %(now)s, 1, %(now)s)
            ON CONFLICT (login) DO UPDATE SET
                failure_count = CASE WHEN l.window_start < %(window)s THEN 1
                                     ELSE l.failure_count + 1 END,
                window_start = CASE WHEN l.window_start < %(window)s
                                         OR l.window_start IS NULL THEN %(now)s
                                    ELSE l.window_start END,
                locked_until = CASE
                    WHEN (CASE WHEN l.window_start < %(window)s THEN 1
                               ELSE l.failure_count + 1 END) >= %(limit)s
                    THEN %(until)s::timestamp
                    ELSE l.locked_until END,
                last_failure = %(now)s,
                last_ip = %(ip)s,
                user_id = COALESCE(EXCLUDED.user_id, l.user_id),
                write_date = %(now)s
            RETURNING failure_count, locked_until
            """,
            {
                "login": login,
                "uid": user_id,
                "now": now,
                "ip": ip,
                "limit": limit,
                "window": window,
                "until": until,
            },
        )
        count, locked_until = cr.fetchone()
        return count, (locked_until if locked_until and count >= limit else None)

    @api.model
    def _oa_reset(self, cr, login):
        cr.execute(
            "UPDATE oa_login_lockout SET failure_count = 0, window_start = NULL, "
            "write_date = %s WHERE login = %s AND failure_count > 0 "
            "AND (locked_until IS NULL OR locked_until <= %s)",
            [fields.Datetime.now(), login, fields.Datetime.now()],
        )

    @api.model
    def _oa_locked_message(self, login, until):
        """The refusal: locked, until when (Beijing time); never whether the
        password was right.  In the user's language, Chinese by default."""
        user = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("login", "=", login)], limit=1)
        )
        lang = user.lang if user.lang and not user.lang.startswith("zh") else "zh_CN"
        local = pytz.utc.localize(until).astimezone(company_tz(self.env))
        return self.with_context(lang=lang).env._(
            "This account is locked after too many failed logins until "
            "%(time)s (Beijing time). Try again later or ask the security "
            "administrator to unlock it.",
            time=local.strftime("%Y-%m-%d %H:%M"),
        )

    # ---- Actions ----

    def action_unlock(self):
        """The security administrator lifts the lock (recorded)."""
        if not self.env.su and not self.env.user.has_group(
            "oa_security.group_oa_secadmin"
        ):
            raise AccessError(
                self.env._("Only the security administrator unlocks accounts.")
            )
        log = self.env["oa.audit.log"]
        for row in self:
            log._oa_log(
                "unlock",
                record=row.user_id or None,
                record_name=row.login,
                detail=self.env._(
                    "%(count)s failures, locked until %(until)s",
                    count=row.failure_count,
                    until=log._oa_local_time(row.locked_until)
                    if row.locked_until
                    else "-",
                ),
            )
        self.sudo().write(
            {"failure_count": 0, "window_start": False, "locked_until": False}
        )
        return True
