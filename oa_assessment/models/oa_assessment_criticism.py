# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaAssessmentCriticism(models.Model):
    """The month's list of units criticised (通报批评, notice 三): a numbered,
    printable notice for every OA user.  The approval of a failing unit's
    assessment adds the unit; nothing else writes it.  It names the units
    and the rules they failed, never amounts."""

    _name = "oa.assessment.criticism"
    _description = "Public Criticism List"
    _inherit = ["mail.thread", "oa.flow.guard"]
    _order = "month desc"
    # every stored field: ``_oa_add`` (the approvals) writes them
    _oa_flow_fields = ("month", "number", "unit_ids", "date_updated")
    _rec_names_search = ["number"]

    # in the reader's language: not stored
    name = fields.Char(compute="_compute_name")
    month = fields.Date(required=True, readonly=True, index=True)
    number = fields.Char(string="Notice Number", readonly=True, copy=False)
    unit_ids = fields.Many2many(
        "hr.department",
        "oa_assessment_criticism_unit_rel",
        "criticism_id",
        "unit_id",
        string="Units Criticised",
        readonly=True,
    )
    summary = fields.Text(
        compute="_compute_summary",
        help="Per unit, the requirements it failed in the month.",
    )
    date_updated = fields.Datetime(string="Last Updated", readonly=True)

    _sql_constraints = [
        ("month_unique", "UNIQUE(month)", "One public-criticism list per month."),
    ]

    @api.depends("month")
    def _compute_name(self):
        Rule = self.env["oa.assessment.rule"]
        for rec in self:
            rec.name = self.env._(
                "Public criticism %(month)s", month=Rule._oa_months_label(rec.month)
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("The public-criticism list is kept by the approvals only.")
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("A public-criticism list is never deleted."))

    # ---- Business methods ----

    @api.model
    def _oa_add(self, assessments):
        """Add the units of the (approved, failing) ``assessments`` to their
        month's list, created and numbered at its first unit."""
        self = self.sudo()
        for month in set(assessments.mapped("month")):
            of_month = assessments.filtered(lambda a, m=month: a.month == m)
            criticism = self.search([("month", "=", month)])
            if not criticism:
                criticism = self.create(
                    {
                        "month": month,
                        "number": self.env["ir.sequence"].next_by_code(
                            "oa.assessment.criticism",
                            sequence_date=fields.Date.context_today(self),
                        ),
                    }
                )
            of_month.write({"criticism_id": criticism.id})
            criticism.write(
                {
                    "unit_ids": [fields.Command.link(u.id) for u in of_month.unit_id],
                    "date_updated": fields.Datetime.now(),
                }
            )

    @api.depends("unit_ids")
    def _compute_summary(self):
        """In the reader's language, for every reader (the list is public;
        the assessments behind it are not)."""
        for rec in self:
            rows = rec._oa_report_rows() if rec.id else []
            rec.summary = "\n".join(f"{row['unit']}:{row['rules']}" for row in rows)

    def _oa_report_rows(self):
        """Rows of the printed list: unit, the rules failed, the notice
        number of the unit's assessment."""
        self.ensure_one()
        rows = []
        for assessment in (
            self.env["oa.assessment"]
            .sudo()
            .search([("criticism_id", "=", self.id)], order="unit_id")
        ):
            fines = assessment.line_ids.filtered(lambda x: x.kind == "fine")
            rows.append(
                {
                    "unit": assessment.unit_id.name,
                    "rules": "、".join(dict.fromkeys(fines.rule_id.mapped("name"))),
                    "evidence": list(dict.fromkeys(fines.mapped("evidence"))),
                    "number": assessment.number,
                }
            )
        return rows
