# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaTrainingExam(models.Model):
    """One attempt at the operation exam (上机操作考试).  Attempts are kept:
    never changed, never deleted."""

    _name = "oa.training.exam"
    _inherit = "oa.flow.guard"
    _description = "Operation Exam Attempt"
    _order = "date desc, id desc"
    # the examiner gives the enrolment and the score of a new attempt (see
    # ``_oa_flow_initial_ok``); the rest is the flow's, and nothing changes after
    _oa_flow_fields = (
        "enrolment_id",
        "batch_id",
        "user_id",
        "unit_id",
        "kind",
        "score",
        "pass_mark",
        "passed",
        "examiner_id",
        "date",
    )

    enrolment_id = fields.Many2one(
        "oa.training.enrolment", required=True, ondelete="restrict", index=True
    )
    batch_id = fields.Many2one(related="enrolment_id.batch_id", store=True, index=True)
    user_id = fields.Many2one(
        related="enrolment_id.user_id", string="Trainee", store=True, index=True
    )
    unit_id = fields.Many2one(
        related="enrolment_id.unit_id", string="Unit", store=True, index=True
    )
    kind = fields.Selection(related="enrolment_id.kind", store=True)
    score = fields.Float(required=True)
    pass_mark = fields.Float(readonly=True, help="The batch's pass mark at the exam.")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    examiner_id = fields.Many2one("res.users", string="Examiner", readonly=True)
    date = fields.Datetime(readonly=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "score_range",
            "CHECK(score >= 0 AND score <= 100)",
            "A score is between 0 and 100.",
        )
    ]

    @api.depends("score", "pass_mark")
    def _compute_passed(self):
        for exam in self:
            exam.passed = exam.score >= exam.pass_mark

    def _compute_display_name(self):
        for exam in self:
            exam.display_name = (
                f"{exam.user_id.name} · {exam.batch_id.name} · {exam.score:g}"
            )

    # ---- CRUD ----

    @api.model
    def _oa_flow_initial_ok(self, name, value):
        # recording an attempt is the examiner's create itself: he gives its
        # enrolment and score, checked by ``_check_can_examine`` and the
        # score range; neither changes afterwards
        if name in ("enrolment_id", "score"):
            return True
        return super()._oa_flow_initial_ok(name, value)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # the guard sees the examiner's values before the flow adds its
            # own and creates as the superuser
            for vals in vals_list:
                self._oa_check_flow_vals(vals, create=True)
            enrolments = self.env["oa.training.enrolment"].browse(
                [vals.get("enrolment_id") for vals in vals_list]
            )
            enrolments._check_can_examine()
        enrolments = (
            self.env["oa.training.enrolment"]
            .sudo()
            .browse([vals.get("enrolment_id") for vals in vals_list])
        )
        now = fields.Datetime.now()
        for vals, enrolment in zip(vals_list, enrolments, strict=True):
            flow = {
                "examiner_id": self.env.uid,
                "date": now,
                "pass_mark": enrolment.batch_id.pass_mark,
            }
            if self.env.su:
                # the flow itself (demo, imports as superuser) may give them
                for name, value in flow.items():
                    vals.setdefault(name, value)
            else:
                # an empty value passed the guard: the flow's wins
                vals.update(flow)
        exams = super(OaTrainingExam, self.sudo()).create(vals_list)
        exams.filtered("passed").enrolment_id.filtered(
            lambda e: e.result == "passed"
        )._oa_close_loop()
        return exams.with_env(self.env)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Exam attempts are kept: they are never deleted."))
