# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .ir_config_parameter import SECRET_WORDS

# the longest value said in the trail
VALUE_MAX = 200


def _comparable(field, value):
    """A setting's value, as ``default_get`` or the record gives it, in one
    form: ids for relations, False for every empty value."""
    if field.relational:
        if isinstance(value, models.BaseModel):
            return tuple(sorted(value._origin.ids))
        ids = []
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, int) and item:
                ids.append(item)
            elif isinstance(item, list | tuple) and item and item[0] == 6:
                ids.extend(item[2])
            elif isinstance(item, list | tuple) and item and item[0] == 4:
                ids.append(item[1])
        return tuple(sorted(ids))
    return value or False


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

    def execute(self):
        """Saving the settings is a row of the trail naming what changed
        (the system parameters among them also leave their own rows)."""
        if not self.env.su:
            self._oa_log_settings()
        return super().execute()

    def _oa_log_settings(self):
        self.ensure_one()
        # the fields the user may read, as set_values() compares them
        names = [
            name
            for name in self.fields_get(attributes=["type"])
            if not self._fields[name].automatic
            and self._fields[name].type not in ("binary", "one2many")
        ]
        current = self.default_get(names)
        changes = []
        for name in names:
            if name not in current:
                continue
            field = self._fields[name]
            new = _comparable(field, self[name])
            if new == _comparable(field, current[name]):
                continue
            if any(word in name.lower() for word in SECRET_WORDS):
                shown = "***"
            elif field.relational:
                shown = list(new)
            else:
                shown = self[name]
            changes.append(name + "=" + str(shown)[:VALUE_MAX])
        if changes:
            self.env["oa.audit.log"]._oa_log(
                "settings",
                model=self._name,
                record_name=self._description,
                detail=self.env._(
                    "Settings saved: %(changes)s", changes="; ".join(changes)
                ),
            )
