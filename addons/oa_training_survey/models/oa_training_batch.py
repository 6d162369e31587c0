# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class OaTrainingBatch(models.Model):
    _inherit = "oa.training.batch"

    theory_survey_id = fields.Many2one(
        "survey.survey",
        string="Theory Certification",
        domain=[("certification", "=", True)],
        ondelete="restrict",
        tracking=True,
        help="Optional theory part of the exam: an Odoo certification. When set, "
        "a trainee passes only with both the operation exam and the theory.",
    )
    theory_invite_date = fields.Datetime(
        string="Theory Invitations Sent On", readonly=True, copy=False
    )
    theory_input_ids = fields.One2many(
        "survey.user_input", "oa_batch_id", string="Theory Attempts"
    )
    theory_attempt_count = fields.Integer(
        string="Theory Attempts Count", compute="_compute_theory_attempt_count"
    )

    def _compute_theory_attempt_count(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("oa_batch_id", "in", self.ids)], ["oa_batch_id"], ["__count"]
            )
        )
        for batch in self:
            batch.theory_attempt_count = counts.get(batch, 0)

    @api.constrains("theory_survey_id")
    def _check_theory_survey(self):
        for batch in self.sudo():
            batch._oa_check_theory_survey(ValidationError)

    def _oa_check_theory_survey(self, error=UserError):
        """A certification that only logged-in users answer: the trainee's
        link is his alone (the survey pages check that the answer is his)."""
        survey = self.sudo().theory_survey_id
        if survey and not survey.certification:
            raise error(
                self.env._(
                    "The theory part of “%(batch)s” must be a certification survey.",
                    batch=self.name,
                )
            )
        if survey and not survey.users_login_required:
            raise error(
                self.env._(
                    "The theory certification “%(survey)s” must require login "
                    "(Require Login), so that only the trainee answers his own "
                    "invitation.",
                    survey=survey.title,
                )
            )

    # ---- CRUD ----

    @api.model
    def _oa_protected_fields(self):
        # the invitations are sent, and the attempts created, by the flow
        return super()._oa_protected_fields() | {
            "theory_invite_date",
            "theory_input_ids",
        }

    def write(self, vals):
        if (
            not self.env.su
            and "theory_survey_id" in vals
            and self.filtered("theory_invite_date")
        ):
            raise UserError(
                self.env._(
                    "The theory invitations of this batch have been sent: its "
                    "theory certification can no longer be changed."
                )
            )
        return super().write(vals)

    # ---- Actions ----

    def action_send_theory_invitations(self):
        """One theory attempt for each enrolment of the batch that has none
        yet, with a to-do for the trainee; enrolments added later get theirs
        at once.  Returns the number of invitations sent."""
        if not self or len(self.exists()) != len(self):
            raise UserError(self.env._("Choose the batch to send invitations for."))
        for batch in self:
            batch._check_can_send_theory()
        enrolments = (
            self.env["oa.training.enrolment"]
            .sudo()
            .search([("batch_id", "in", self.ids), ("theory_input_ids", "=", False)])
        )
        self.sudo().filtered(lambda b: not b.theory_invite_date).write(
            {"theory_invite_date": fields.Datetime.now()}
        )
        return len(enrolments._oa_send_theory_invitation())

    def _check_can_send_theory(self):
        self.ensure_one()
        self.check_access("read")
        if not self._oa_can_examine():
            raise AccessError(
                self.env._(
                    "Only the examiner or the organisers of “%(batch)s” send its "
                    "theory invitations.",
                    batch=self.name,
                )
            )
        if self.state != "open":
            raise UserError(
                self.env._(
                    "Theory invitations are sent while the batch is open "
                    "(“%(batch)s” is not).",
                    batch=self.name,
                )
            )
        survey = self.sudo().theory_survey_id
        if not survey:
            raise UserError(
                self.env._(
                    "Choose the theory certification of “%(batch)s” first.",
                    batch=self.name,
                )
            )
        self._oa_check_theory_survey()
        if not survey.active:
            raise UserError(
                self.env._(
                    "The theory certification “%(survey)s” is archived.",
                    survey=survey.title,
                )
            )

    def action_close(self):
        res = super().action_close()
        # the theory to-dos of a closed batch are over (attempts are kept)
        self.env["oa.training.enrolment"].sudo().search(
            [("batch_id", "in", self.ids)]
        )._oa_done_theory_todos(feedback=self.env._("The batch was closed."))
        return res

    def action_open_theory_attempts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_training_survey.survey_user_input_action_oa_training"
        )
        action["domain"] = [("oa_batch_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
