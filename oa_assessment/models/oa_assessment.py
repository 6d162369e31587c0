# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .oa_assessment_rule import AMOUNT_GROUPS, month_first


def is_project(env):
    return env.su or env.user._oa_is_project()


class OaAssessment(models.Model):
    """The assessment of one unit for one month (notice 三).

    One record per unit and month, with one line per finding and person:
    the approval, the notice number (考核通知单), the activities of the
    unit's administrators and leader and the record rules all work per unit,
    so the project group can approve unit by unit while others are still
    under review.  Re-running a month rewrites the lines of the records not
    approved yet; approved ones never change (``_oa_assess_month``)."""

    _name = "oa.assessment"
    _description = "Monthly Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.guard", "oa.todo.mixin"]
    _order = "month desc, unit_id"
    # every stored field but the review note (the project group's, while it
    # reviews) and the chatter's: the run, the approval and the criticism
    # list write them as superuser
    _oa_flow_fields = (
        "name",
        "unit_id",
        "month",
        "month_label",
        "state",
        "result",
        "line_ids",
        "finding_count",
        "number",
        "date_approved",
        "approved_by_id",
        "date_assessed",
        "criticism_id",
        "fine_total",
        "reward_total",
    )

    name = fields.Char(compute="_compute_name", store=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    month = fields.Date(
        required=True, index=True, readonly=True, help="First day of the month."
    )
    month_label = fields.Char(string="Period", compute="_compute_name", store=True)
    state = fields.Selection(
        [("draft", "To Review"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    result = fields.Selection(
        [
            ("fail", "Failed"),
            ("pass", "Passed"),
            ("commend", "Commended"),
        ],
        compute="_compute_result",
        store=True,
        index=True,
    )
    line_ids = fields.One2many(
        "oa.assessment.line", "assessment_id", string="Findings", readonly=True
    )
    finding_count = fields.Integer(
        string="Number of Findings", compute="_compute_result", store=True
    )
    number = fields.Char(
        string="Notice Number", readonly=True, copy=False, index=True, tracking=True
    )
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    date_assessed = fields.Datetime(
        string="Last Assessed", readonly=True, help="When the rules last ran."
    )
    criticism_id = fields.Many2one(
        "oa.assessment.criticism",
        string="Public Criticism",
        readonly=True,
        index=True,
        ondelete="set null",
    )
    review_note = fields.Text(
        string="Review Note", help="The project group's note while it reviews."
    )
    fine_total = fields.Float(
        string="Fines (yuan)",
        compute="_compute_totals",
        store=True,
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
    )
    reward_total = fields.Float(
        string="Commendations (yuan)",
        compute="_compute_totals",
        store=True,
        digits=(12, 2),
        groups=AMOUNT_GROUPS,
    )

    _sql_constraints = [
        (
            "unit_month_unique",
            "UNIQUE(unit_id, month)",
            "A unit has one assessment per month.",
        ),
        (
            "number_unique",
            "UNIQUE(number)",
            "Each assessment notice has its own number.",
        ),
    ]

    @api.depends("unit_id.name", "month")
    def _compute_name(self):
        Rule = self.env["oa.assessment.rule"]
        for rec in self:
            rec.month_label = Rule._oa_months_label(rec.month) if rec.month else False
            rec.name = f"{rec.month_label} {rec.unit_id.name or ''}".strip()

    @api.depends("line_ids.kind")
    def _compute_result(self):
        for rec in self:
            fines = rec.line_ids.filtered(lambda line: line.kind == "fine")
            rec.finding_count = len(set(fines.mapped("finding_key")))
            if fines:
                rec.result = "fail"
            elif rec.line_ids:
                rec.result = "commend"
            else:
                rec.result = "pass"

    @api.depends("line_ids.amount", "line_ids.kind")
    def _compute_totals(self):
        for rec in self:
            lines = rec.sudo().line_ids
            rec.fine_total = sum(
                lines.filtered(lambda x: x.kind == "fine").mapped("amount")
            )
            rec.reward_total = sum(
                lines.filtered(lambda x: x.kind == "reward").mapped("amount")
            )

    # ---- CRUD: the flow owns the record (oa.flow.guard) ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("Assessments are created by running a month only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "review_note" in vals:
            self._check_can_review()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.env.su:
            return
        self._check_can_review()

    # ---- Guards ----

    def _check_can_review(self):
        """The project group reviews assessments that are not approved yet."""
        if not is_project(self.env):
            raise AccessError(
                self.env._("Only the project group reviews the monthly assessment.")
            )
        approved = self.filtered(lambda rec: rec.state == "approved")
        if approved:
            raise UserError(
                self.env._(
                    "%(names)s is approved: an approved assessment never changes.",
                    names=", ".join(approved.mapped("name")),
                )
            )

    # ---- Actions ----

    def action_approve(self):
        self._check_can_review()
        self.sudo()._do_approve()
        return True

    # ---- Transitions ----

    def _do_approve(self):
        """Number each notice (one gap-free sequence per year), record who
        approved, put failing units on the month's public-criticism list and
        give the unit's administrators and leader a to-do to read it."""
        now = fields.Datetime.now()
        for rec in self.sorted(lambda r: (r.month, r.unit_id.name or "", r.id)):
            number = self.env["ir.sequence"].next_by_code(
                "oa.assessment.notice", sequence_date=fields.Date.context_today(rec)
            )
            rec.write(
                {
                    "state": "approved",
                    "number": number,
                    "date_approved": now,
                    "approved_by_id": self.env.uid,
                }
            )
        failing = self.filtered(lambda rec: rec.result == "fail")
        if failing:
            self.env["oa.assessment.criticism"]._oa_add(failing)
        for rec in self:
            rec.message_post(
                body=self.env._(
                    "Approved: assessment notice %(number)s issued to the unit.",
                    number=rec.number,
                ),
                subtype_xmlid="oa_assessment.mt_assessment_approved",
            )
            rec._oa_notify_unit()

    def _oa_notify_unit(self):
        """A to-do for each administrator and the leader in charge of the
        unit: it shows on their workbench (待办)."""
        self.ensure_one()
        unit = self.unit_id.sudo()
        people = unit._oa_role_users("admin") | unit._oa_role_users("leader")
        summary = self.env._("Assessment notice %(number)s", number=self.number)
        note = self.env._(
            "Read the assessment notice of %(month)s and carry it out "
            "(notice 三: 各单位根据项目组下达的考核通知单落实考核).",
            month=self.month_label,
        )
        # a notice to carry out, not a step of the assessment's flow
        self._oa_todo_add([(self, people, summary, {"note": note, "flow": False})])

    def _oa_notice_persons(self):
        """The notice's table of what falls on whom: one row per person and
        kind (fine, commendation) with the total amount and the reasons (every
        finding, with its amount), in the notice's order.  Lines naming nobody
        fine nobody and are not listed."""
        self.ensure_one()
        rows = {}
        for line in self.sudo().line_ids.filtered("user_id"):
            row = rows.setdefault(
                (line.kind, line.role, line.user_id),
                {
                    "user": line.user_id,
                    "role": line.role,
                    "kind": line.kind,
                    "amount": 0.0,
                    "reasons": [],
                },
            )
            row["amount"] += line.amount
            # the notice is Chinese whatever the reader's language
            if line.amount or line.kind == "reward":
                reason = f"{line.rule_id.name}({line.amount:.2f}元)"
            elif line.adjusted:
                reason = f"{line.rule_id.name}(免予处罚)"
            elif line.amount_proposed:
                reason = f"{line.rule_id.name}(本月罚款已达上限,不另罚)"
            else:
                reason = line.rule_id.name
            row["reasons"].append(reason)
        return list(rows.values())

    # ---- The monthly run ----

    @api.model
    def _oa_assess_month(self, month, units=None):
        """Assess ``units`` (every OA unit by default) for ``month``: create
        the missing assessments, rewrite the findings of those not approved
        yet, leave approved ones untouched.  Returns the month's assessments
        of the units.  Runs as superuser: the caller checked who asks."""
        # the evidence is stored text: in the company's language (the
        # scheduled action has no user's), else the caller's
        lang = self.env.company.partner_id.lang or self.env.lang
        self = self.sudo().with_context(lang=lang)
        month = month_first(month)
        Unit = self.env["hr.department"].sudo()
        if units is None:
            units = Unit.search([("is_oa_unit", "=", True)])
        units = units.sudo()
        existing = self.search([("month", "=", month), ("unit_id", "in", units.ids)])
        by_unit = {rec.unit_id: rec for rec in existing}
        to_assess = units.filtered(lambda u: by_unit.get(u, self).state != "approved")
        missing = to_assess.filtered(lambda u: u not in by_unit)
        if missing:
            for rec in self.create(
                [{"unit_id": unit.id, "month": month} for unit in missing]
            ):
                by_unit[rec.unit_id] = rec
        findings = self._oa_run_rules(to_assess, month)
        Line = self.env["oa.assessment.line"]
        now = fields.Datetime.now()
        for unit in to_assess:
            rec = by_unit[unit]
            Line._oa_sync(rec, findings.get(unit.id, []))
            rec.date_assessed = now
        return self.browse([by_unit[u].id for u in units if u in by_unit])

    @api.model
    def _oa_run_rules(self, units, month):
        """``{unit_id: [(rule, finding), ...]}``: the fine rules first, then
        the commendation rules for the units without any finding."""
        Rule = self.env["oa.assessment.rule"].sudo()
        rules = Rule.search([])
        found = {}
        for rule in rules.filtered(lambda r: r.kind == "fine"):
            for finding in rule._oa_findings(units, month):
                found.setdefault(finding["unit"].id, []).append((rule, finding))
        clean = units.filtered(lambda u: u.id not in found)
        for rule in rules.filtered(lambda r: r.kind == "reward"):
            for finding in rule._oa_findings(clean, month):
                found.setdefault(finding["unit"].id, []).append((rule, finding))
        return found

    @api.model
    def _cron_assess_previous_month(self):
        month = month_first(fields.Date.context_today(self)) - relativedelta(months=1)
        self._oa_assess_month(month)
