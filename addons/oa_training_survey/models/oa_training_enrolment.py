# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# the trainee's to-do "take the theory exam" (its mail.activity.type)
THEORY_EXAM_TODO_TYPE_XMLID = "oa_training_survey.mail_activity_type_theory_exam"


class OaTrainingEnrolment(models.Model):
    _inherit = "oa.training.enrolment"

    theory_survey_id = fields.Many2one(
        related="batch_id.theory_survey_id", string="Theory Certification"
    )
    theory_input_ids = fields.One2many(
        "survey.user_input", "oa_enrolment_id", string="Theory Attempts"
    )
    theory_score = fields.Float(
        string="Theory Score (%)",
        readonly=True,
        copy=False,
        help="Best score of the theory attempts finished while the batch was open.",
    )
    theory_passed = fields.Boolean(
        readonly=True,
        copy=False,
        help="A theory attempt reached the certification's success score.",
    )
    theory_date = fields.Datetime(
        string="Theory Exam Finished On", readonly=True, copy=False
    )
    theory_attempt_count = fields.Integer(
        string="Theory Attempts Count", compute="_compute_theory_attempts"
    )
    theory_can_take = fields.Boolean(
        string="Theory Exam Waiting", compute="_compute_theory_attempts"
    )

    @api.depends("theory_passed", "batch_id.theory_survey_id")
    def _compute_result(self):
        return super()._compute_result()

    @api.depends("theory_input_ids.state", "batch_id.state")
    @api.depends_context("uid")
    def _compute_theory_attempts(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("oa_enrolment_id", "in", self.ids)], ["oa_enrolment_id"], ["__count"]
            )
        )
        for enrolment in self:
            enrolment.theory_attempt_count = counts.get(enrolment, 0)
            enrolment.theory_can_take = enrolment.user_id == self.env.user and bool(
                enrolment._oa_waiting_attempt()
            )

    def _oa_pass_blockers(self):
        blockers = super()._oa_pass_blockers()
        for enrolment in self:
            if enrolment.batch_id.theory_survey_id and not enrolment.theory_passed:
                blockers.setdefault(enrolment.id, []).append(
                    self.env._("has not passed the theory exam")
                )
        return blockers

    # ---- CRUD ----

    @api.model
    def _oa_protected_fields(self):
        # the attempts come from the invitations; their result comes back
        # from the survey (``_oa_record_theory``)
        return super()._oa_protected_fields() | {
            "theory_input_ids",
            "theory_score",
            "theory_passed",
            "theory_date",
        }

    @api.model_create_multi
    def create(self, vals_list):
        enrolments = super().create(vals_list)
        # enrolled after the invitations went out (late or re-enrolled): his
        # own invitation at once
        late = enrolments.sudo().filtered(
            lambda e: e.batch_id.state == "open" and e.batch_id.theory_invite_date
        )
        late._oa_send_theory_invitation()
        return enrolments

    # ---- Actions ----

    def action_take_theory_exam(self):
        """The trainee opens his waiting theory attempt."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose your enrolment."))
        self.check_access("read")
        if self.user_id != self.env.user:
            raise AccessError(self.env._("Only the trainee takes his own theory exam."))
        attempt = self._oa_waiting_attempt()
        if not attempt:
            raise UserError(
                self.env._(
                    "No theory exam is waiting for you in “%(batch)s”.",
                    batch=self.batch_id.name,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": attempt.get_start_url(),
        }

    def action_open_theory_attempts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_training_survey.survey_user_input_action_oa_training"
        )
        action["domain"] = [("oa_enrolment_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ---- Business ----

    def _oa_waiting_attempt(self):
        """The unfinished theory attempt of an open batch, if any."""
        self.ensure_one()
        enrolment = self.sudo()
        if enrolment.batch_id.state != "open":
            return self.env["survey.user_input"]
        return enrolment.theory_input_ids.filtered(
            lambda a: a.state != "done"
            and not a.test_entry
            and a.survey_id == enrolment.batch_id.theory_survey_id
        )[:1]

    def _oa_send_theory_invitation(self):
        """One theory attempt per enrolment (one create), each with its own
        invitation token — a fresh attempt pool per batch — and a to-do for
        the trainee with his link.  Called by the flow only (superuser)."""
        if not self:
            return self.env["survey.user_input"]
        UserInput = self.env["survey.user_input"].sudo()
        attempts = UserInput.create(
            [
                {
                    "survey_id": enrolment.batch_id.theory_survey_id.id,
                    "partner_id": enrolment.user_id.partner_id.id,
                    "email": enrolment.user_id.email,
                    "nickname": enrolment.user_id.name,
                    "invite_token": UserInput._generate_invite_token(),
                    "oa_enrolment_id": enrolment.id,
                }
                for enrolment in self
            ]
        )
        base_url = self[:1].get_base_url()
        self._oa_todo_add(
            [
                (
                    attempt.oa_enrolment_id,
                    attempt.oa_enrolment_id.user_id,
                    self.env._(
                        "Theory exam: %(survey)s (%(batch)s)",
                        survey=attempt.survey_id.title,
                        batch=attempt.oa_batch_id.name,
                    ),
                    {
                        "date_deadline": attempt.oa_batch_id.date_end,
                        "note": Markup('<p><a href="%s">%s</a></p>')
                        % (
                            base_url + attempt.get_start_url(),
                            self.env._("Start the theory exam"),
                        ),
                    },
                )
                for attempt in attempts
            ],
            kind=THEORY_EXAM_TODO_TYPE_XMLID,
            personal=True,
        )
        return attempts

    def _oa_record_theory(self):
        """A theory attempt was finished: its enrolment takes the best score
        and whether one passed.  Called by the flow only (superuser, from
        ``survey.user_input._mark_done``); a closed batch keeps the attempt
        but its result no longer changes."""
        enrolments = self.sudo().filtered(lambda e: e.batch_id.state == "open")
        for enrolment in enrolments:
            done = enrolment.theory_input_ids.filtered(
                lambda a, e=enrolment: a.state == "done"
                and not a.test_entry
                and a.survey_id == e.batch_id.theory_survey_id
            )
            if not done:
                continue
            enrolment.write(
                {
                    "theory_score": max(done.mapped("scoring_percentage")),
                    "theory_passed": any(done.mapped("scoring_success")),
                    "theory_date": max(done.mapped("end_datetime")),
                }
            )
        enrolments._oa_done_theory_todos()
        enrolments.filtered(lambda e: e.result == "passed")._oa_close_loop()

    def _oa_done_theory_todos(self, feedback=None):
        """The theory exam is over for these enrolments: the trainee's to-do
        is done, with his score (or ``feedback``)."""
        self._oa_todo_complete(
            kind=THEORY_EXAM_TODO_TYPE_XMLID,
            everyone=True,
            feedback=feedback
            or (
                lambda enrolment: self.env._(
                    "Theory score: %(score)s%%",
                    score=format(enrolment.theory_score, "g"),
                )
            ),
        )
