# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .oa_assessment import is_project
from .oa_assessment_rule import (
    AMOUNT_GROUPS,
    FINE_RANGES,
    SEVERITIES,
    check_fine_amount,
)

ROLES = [("admin", "Unit Administrator"), ("leader", "Unit Leader")]


class OaAssessmentLine(models.Model):
    """One finding (or commendation) of a unit's month for one person: the
    rule, the evidence with the records it points at, the person and the
    proposed amount.  Every field is the flow's: the run writes them, the
    project group changes an amount only through ``_oa_adjust`` (with a
    reason), and an approved assessment's lines never change."""

    _name = "oa.assessment.line"
    _description = "Assessment Finding"
    _inherit = ["oa.flow.guard"]
    _order = "assessment_id, kind, rule_sequence, role, id"
    # every field: the run writes them, ``_oa_adjust`` the amount (the
    # related ones would write the assessment through the line)
    _oa_flow_fields = (
        "assessment_id",
        "unit_id",
        "month",
        "state",
        "number",
        "rule_id",
        "rule_sequence",
        "kind",
        "severity",
        "finding_key",
        "key",
        "evidence",
        "evidence_model",
        "evidence_ids",
        "role",
        "user_id",
        "amount_proposed",
        "amount",
        "adjusted",
        "adjustment_ids",
    )

    assessment_id = fields.Many2one(
        "oa.assessment", required=True, index=True, ondelete="cascade", readonly=True
    )
    unit_id = fields.Many2one(related="assessment_id.unit_id", store=True)
    month = fields.Date(related="assessment_id.month", store=True)
    state = fields.Selection(related="assessment_id.state", store=True)
    number = fields.Char(related="assessment_id.number", string="Notice Number")
    rule_id = fields.Many2one(
        "oa.assessment.rule", required=True, readonly=True, ondelete="restrict"
    )
    rule_sequence = fields.Integer(related="rule_id.sequence", store=True)
    kind = fields.Selection(
        [("fine", "Fine"), ("reward", "Commendation")], required=True, readonly=True
    )
    severity = fields.Selection(SEVERITIES, readonly=True)
    finding_key = fields.Char(
        readonly=True, help="Rule and finding: lines of one finding share it."
    )
    key = fields.Char(readonly=True, help="Finding and person: unique per assessment.")
    evidence = fields.Text(readonly=True)
    evidence_model = fields.Char(string="Evidence Model", readonly=True)
    evidence_ids = fields.Char(
        string="Evidence Record Ids", readonly=True, help="JSON list of the record ids."
    )
    evidence_count = fields.Integer(compute="_compute_evidence_count")
    role = fields.Selection(ROLES, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Person",
        readonly=True,
        help="Empty when the unit has nobody in that role.",
    )
    amount_proposed = fields.Float(
        string="Proposed Amount (yuan)",
        readonly=True,
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
    )
    amount = fields.Float(
        string="Amount (yuan)", readonly=True, digits=(12, 2), groups=AMOUNT_GROUPS
    )
    adjusted = fields.Boolean(readonly=True)
    adjustment_ids = fields.One2many(
        "oa.assessment.adjustment",
        "line_id",
        string="Adjustments",
        readonly=True,
        groups=AMOUNT_GROUPS,
    )

    _sql_constraints = [
        (
            "key_unique",
            "UNIQUE(assessment_id, key)",
            "A finding is proposed once per person in an assessment.",
        ),
    ]

    @api.depends("evidence_ids")
    def _compute_evidence_count(self):
        for line in self:
            line.evidence_count = len(json.loads(line.evidence_ids or "[]"))

    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for line in self:
            person = line.user_id.name or self.env._("(nobody named)")
            line.display_name = (
                f"{line.rule_id.name} · {person} ({roles.get(line.role, '')})"
            )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Findings are created by running a month only."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_by_hand(self):
        if not self.env.su:
            raise UserError(self.env._("Findings are removed by re-running the month."))

    # ---- Actions ----

    def action_open_evidence(self):
        self.ensure_one()
        ids = json.loads(self.evidence_ids or "[]")
        if not self.evidence_model or not ids:
            raise UserError(self.env._("This finding points at no record."))
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Evidence"),
            "res_model": self.evidence_model,
        }
        if len(ids) == 1:
            return {**action, "view_mode": "form", "res_id": ids[0]}
        return {**action, "view_mode": "list,form", "domain": [("id", "in", ids)]}

    def action_adjust(self):
        self.ensure_one()
        self._check_can_adjust()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Adjust the Amount"),
            "res_model": "oa.assessment.adjust.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    # ---- Transitions ----

    def _check_can_adjust(self):
        self.ensure_one()
        if not is_project(self.env):
            raise UserError(
                self.env._("Only the project group adjusts the proposed amounts.")
            )
        if self.assessment_id.state == "approved":
            raise UserError(
                self.env._("The assessment is approved: its amounts never change.")
            )

    def _oa_adjust(self, amount, reason):
        """Set the amount with a reason: kept in the adjustments (amounts,
        for the project group and finance) and in the assessment's chatter
        (who, whom, why)."""
        self.ensure_one()
        self._check_can_adjust()
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Give the reason for the adjustment."))
        if amount < 0:
            raise ValidationError(self.env._("Amounts cannot be negative."))
        line = self.sudo()
        if self.kind == "fine":
            check_fine_amount(self.env, self.role, amount)
            line._oa_check_person_total(amount)
        self.env["oa.assessment.adjustment"].sudo().create(
            {
                "line_id": line.id,
                "amount_before": line.amount,
                "amount_after": amount,
                "reason": reason,
                "user_id": self.env.uid,
            }
        )
        line.write({"amount": amount, "adjusted": True})
        line.assessment_id.line_ids._oa_cap_fines()
        line.assessment_id.message_post(
            body=self.env._(
                "Amount adjusted for %(line)s. Reason: %(reason)s",
                line=line.display_name,
                reason=reason,
            ),
            subtype_xmlid="oa_assessment.mt_assessment_adjusted",
        )

    def _oa_check_person_total(self, amount):
        """The amounts set by hand for the person of this fine stay within
        his role's range for the month (the others fill what is left)."""
        self.ensure_one()
        if not self.user_id:
            raise ValidationError(
                self.env._("This finding names nobody: there is nobody to fine.")
            )
        others = self.assessment_id.line_ids.filtered(
            lambda x: x != self
            and x.kind == "fine"
            and x.adjusted
            and x.user_id == self.user_id
            and x.role == self.role
        )
        total = sum(others.mapped("amount")) + amount
        high = FINE_RANGES[self.role][1]
        if total > high:
            raise ValidationError(
                self.env._(
                    "The fines of %(person)s in the month would total %(total)s "
                    "yuan: a person's fines of a month stay within %(high)s yuan "
                    "(notice 三).",
                    person=self.user_id.name,
                    total=total,
                    high=int(high),
                )
            )

    @api.model
    def _oa_sync(self, assessment, findings):
        """Make the lines of ``assessment`` (not approved) those of
        ``findings`` (``[(rule, finding), ...]``): same key → updated
        (an adjusted amount is kept), new → created, gone → removed."""
        self = self.sudo()
        current = {line.key: line for line in assessment.line_ids}
        wanted = {}
        unnamed = {}  # role: the rules whose fine of that role falls on nobody
        for rule, finding in findings:
            unit = finding["unit"].sudo()
            records = finding.get("records")
            finding_key = f"{rule.code}:{finding_key_suffix(finding)}"
            base = {
                "rule_id": rule.id,
                "kind": rule.kind,
                "severity": rule.severity,
                "evidence": finding["evidence"],
                "evidence_model": records._name if records else False,
                "evidence_ids": json.dumps(records.ids) if records else "[]",
            }
            people = []
            for role, amount, default in (
                ("admin", rule.amount_admin, unit._oa_role_users("admin")),
                ("leader", rule.amount_leader, unit._oa_role_users("leader")),
            ):
                if not amount:
                    continue
                users = finding.get(f"{role}s" if role == "admin" else role, default)
                if not users:
                    # a fine always names its person: the unit names nobody
                    # in the role, which is a finding of its own
                    unnamed.setdefault(role, []).append(rule)
                    continue
                people += [(role, amount, user) for user in users]
            if not people:  # recorded even when the rule fines nobody
                people = [("admin", 0.0, self.env["res.users"])]
            for role, amount, user in people:
                key = f"{finding_key}:{role}:{user.id or 0}"
                wanted[key] = dict(
                    base,
                    key=key,
                    finding_key=finding_key,
                    role=role,
                    user_id=user.id or False,
                    amount_proposed=amount,
                )
        wanted.update(self._oa_unnamed_lines(assessment, unnamed))
        for key, line in current.items():
            if key not in wanted:
                line.unlink()
        create = []
        for key, vals in wanted.items():
            line = current.get(key)
            if line is None:
                create.append(
                    dict(
                        vals,
                        assessment_id=assessment.id,
                        amount=vals["amount_proposed"],
                    )
                )
                continue
            if not line.adjusted:
                vals["amount"] = vals["amount_proposed"]
            line.write(vals)
        if create:
            self.create(create)
        assessment.line_ids._oa_cap_fines()

    @api.model
    def _oa_unnamed_lines(self, assessment, unnamed):
        """``{key: vals}``: one finding per role the unit names nobody in
        while a rule fines that role (notice 三: the fines fall on the unit's
        system administrators and its leader in charge).  It fines nobody
        (there is nobody to fine) but fails the unit until it names them."""
        _ = self.env._
        if not unnamed:
            return {}
        lines = {}
        for role, rules in unnamed.items():
            label = (
                _("system administrator") if role == "admin" else _("leader in charge")
            )
            rule = rules[0]  # the first rule whose fine falls on nobody
            key = f"unnamed:{role}"
            lines[key] = {
                "rule_id": rule.id,
                "kind": "fine",
                "severity": rule.severity,
                "evidence": _(
                    "Unit without a %(role)s: %(unit)s names no %(role)s, so "
                    "the fine of %(rules)s falls on nobody. Name the %(role)s.",
                    role=label,
                    unit=assessment.unit_id.name,
                    rules="; ".join(dict.fromkeys(r.name for r in rules)),
                ),
                "evidence_model": "hr.department",
                "evidence_ids": json.dumps(assessment.unit_id.ids),
                "key": key,
                "finding_key": key,
                "role": role,
                "user_id": False,
                "amount_proposed": 0.0,
            }
        return lines

    def _oa_cap_fines(self):
        """Keep each person's fines of a month within his role's range
        (notice 三: 系统管理员100-300元, 责任单位领导500-1000元) whatever the
        number of findings: the adjusted amounts stand, the others are
        proposed in order of severity up to the range's top (0 beyond it;
        the finding stays and is listed among the person's reasons)."""
        order = {key: index for index, (key, _label) in enumerate(SEVERITIES)}
        fines = self.sudo().filtered(lambda x: x.kind == "fine" and x.user_id)
        groups = {}
        for line in fines:
            groups.setdefault(
                (line.assessment_id, line.user_id, line.role), fines.browse()
            )
            groups[(line.assessment_id, line.user_id, line.role)] |= line
        for (_assessment, _user, role), lines in groups.items():
            budget = FINE_RANGES[role][1] - sum(
                lines.filtered("adjusted").mapped("amount")
            )
            for line in lines.filtered(lambda x: not x.adjusted).sorted(
                lambda x: (-order.get(x.severity, 0), x.rule_sequence, x.id)
            ):
                amount = max(min(line.amount_proposed, budget), 0.0)
                budget -= amount
                if line.amount != amount:
                    line.amount = amount


def finding_key_suffix(finding):
    """What tells two findings of one rule in one unit apart: the records
    they point at (e.g. the administrator of the training rule)."""
    records = finding.get("records")
    if finding.get("admins") is not None:
        return "u" + ",".join(map(str, finding["admins"].ids))
    return records._name if records else ""
