# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

SEVERITIES = [("minor", "Minor"), ("major", "Major"), ("serious", "Serious")]
# Notice 三: "考核系统管理员100-300元,责任单位领导500-1000元" — a fine is 0
# (that role is not fined for the rule) or inside the notice's range.
FINE_RANGES = {"admin": (100.0, 300.0), "leader": (500.0, 1000.0)}
# What a severity proposes when it is chosen (the amounts stay editable).
SEVERITY_FINES = {
    "minor": (100.0, 500.0),
    "major": (200.0, 750.0),
    "serious": (300.0, 1000.0),
}
AMOUNT_GROUPS = "oa_base.group_oa_project,oa_base.group_oa_finance"


def month_first(day):
    """The first day of the month of ``day`` (a date or a string)."""
    day = fields.Date.to_date(day)
    return day.replace(day=1)


def check_fine_amount(env, role, amount):
    """Raise unless ``amount`` is 0 or inside the notice's range for ``role``."""
    low, high = FINE_RANGES[role]
    if amount and not low <= amount <= high:
        roles = {
            "admin": env._("a unit administrator"),
            "leader": env._("a unit leader"),
        }
        raise ValidationError(
            env._(
                "The fine of %(role)s is 0 or between %(low)s and %(high)s yuan "
                "(notice 三), not %(amount)s.",
                role=roles[role],
                low=int(low),
                high=int(high),
                amount=amount,
            )
        )


class OaAssessmentRule(models.Model):
    """One requirement of the notice that the monthly assessment checks.

    A rule is a record (what it is called, how severe, how much it fines
    each role: all configurable by the project group) and a method
    ``_rule_<code>(units, month)`` that returns its findings: a list of
    dicts ``{"unit": hr.department, "evidence": str, "records": recordset,
    "admins": res.users (optional, default the unit's administrators),
    "leader": res.users (optional, default its leader in charge)}``.
    Adding a rule is one such method and one data record."""

    _name = "oa.assessment.rule"
    _description = "Assessment Rule"
    _order = "kind, sequence, id"

    code = fields.Char(
        required=True,
        help="Technical key: the rule is evaluated by the method _rule_<code>.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True, help="What is checked, and the notice's clause it enforces."
    )
    notice_clause = fields.Char(
        string="Notice Clause", help="Where the notice asks for it, e.g. 三(二)1."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("fine", "Fine"), ("reward", "Commendation")],
        required=True,
        default="fine",
        help="Fines are proposed for findings; a commendation (嘉奖) for units "
        "without any finding in the month.",
    )
    severity = fields.Selection(SEVERITIES, required=True, default="major")
    amount_admin = fields.Float(
        string="Amount per Unit Administrator (yuan)",
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
        help="0: the unit's administrators are not fined (or commended) for "
        "this rule. Fines: 100–300 yuan (notice 三).",
    )
    amount_leader = fields.Float(
        string="Amount for the Unit Leader (yuan)",
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
        help="0: the unit's leader in charge is not fined (or commended) for "
        "this rule. Fines: 500–1000 yuan (notice 三).",
    )
    threshold = fields.Float(
        help="The rule's tolerance, as its description says (e.g. the training "
        "rate required, the days a column may go without a publication).",
    )
    date_start = fields.Date(
        string="Applies From",
        help="Months before this date are not checked against the rule (e.g. "
        "the training rate only after the training phase).",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each assessment rule has its own code."),
    ]

    @api.constrains("kind", "amount_admin", "amount_leader")
    def _check_amounts(self):
        for rule in self.sudo():
            if rule.amount_admin < 0 or rule.amount_leader < 0:
                raise ValidationError(self.env._("Amounts cannot be negative."))
            if rule.kind == "fine":
                check_fine_amount(self.env, "admin", rule.amount_admin)
                check_fine_amount(self.env, "leader", rule.amount_leader)

    @api.onchange("severity")
    def _onchange_severity(self):
        if self.kind == "fine" and self.severity:
            self.amount_admin, self.amount_leader = SEVERITY_FINES[self.severity]

    # ---- Business methods ----

    @api.model
    def _oa_month_bounds(self, month):
        """UTC datetimes of the month's start and of the next month's start,
        in the company's time zone (Asia/Shanghai by default)."""
        tz = self.env["resource.calendar"]._oa_company_tz()
        start = month_first(month)
        bounds = []
        for day in (start, start + relativedelta(months=1)):
            local = tz.localize(datetime.combine(day, time.min))
            bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return tuple(bounds)

    @api.model
    def _oa_month_last_day(self, month):
        return month_first(month) + relativedelta(months=1, days=-1)

    def _oa_applies(self, month):
        self.ensure_one()
        return not self.date_start or self.date_start <= self._oa_month_last_day(month)

    def _oa_findings(self, units, month):
        """The findings of the rule for ``units`` in ``month``; a rule whose
        method is not there (its addon part not installed) finds nothing."""
        self.ensure_one()
        method = getattr(self, f"_rule_{self.code}", None)
        if method is None:
            _logger.info("assessment rule %s has no method: skipped", self.code)
            return []
        if not units or not self._oa_applies(month):
            return []
        return method(units, month_first(month)) or []

    @api.model
    def _oa_months_label(self, month):
        month = month_first(month)
        return f"{month.year}-{month.month:02d}"
