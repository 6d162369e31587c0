# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_lockout_max_failures = fields.Integer(
        string="Failed Logins Before Lockout",
        config_parameter="oa_security.lockout_max_failures",
        default=5,
        help="Failed passwords on one account (1 to 10) within the window that "
        "lock it.",
    )
    oa_lockout_window_minutes = fields.Integer(
        string="Failure Window (minutes)",
        config_parameter="oa_security.lockout_window_minutes",
        default=15,
    )
    oa_lockout_minutes = fields.Integer(
        string="Lockout Duration (minutes)",
        config_parameter="oa_security.lockout_minutes",
        default=30,
    )
    oa_session_timeout_seconds = fields.Integer(
        string="Idle Session Timeout (seconds)",
        config_parameter="inactive_session_time_out_delay",
        default=1800,
        help="A web session idle this long is logged out (auth_session_timeout).",
    )
    oa_totp_required = fields.Boolean(
        string="Two Factors for Administrators",
        config_parameter="oa_security.totp_required",
        help="Users with Settings, a 三员 duty or the project group enrol an "
        "authenticator app (TOTP) at their next login and then log in with "
        "its code; their API keys still serve RPC.",
    )
    oa_audit_retention_days = fields.Integer(
        string="Audit Trail Retention (days)",
        config_parameter="oa_security.audit_retention_days",
        default=180,
        help="Rows older than this are purged; never less than 180 days.",
    )
