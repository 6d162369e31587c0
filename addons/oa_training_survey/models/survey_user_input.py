# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SurveyUserInput(models.Model):
    """A theory attempt of a training enrolment is a ``survey.user_input``
    linked to the enrolment.  Only the survey itself (the trainee answering
    through the survey pages, which work as superuser) moves it; it is kept,
    never changed by hand nor deleted."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "oa.flow.guard"]
    # the invitation links an attempt to its enrolment (a retry follows it)
    _oa_flow_fields = ("oa_enrolment_id", "oa_batch_id", "oa_user_id", "oa_unit_id")

    oa_enrolment_id = fields.Many2one(
        "oa.training.enrolment",
        string="Training Enrolment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    oa_batch_id = fields.Many2one(
        related="oa_enrolment_id.batch_id",
        string="Training Batch",
        store=True,
        index="btree_not_null",
    )
    oa_user_id = fields.Many2one(
        related="oa_enrolment_id.user_id",
        string="Trainee",
        store=True,
        index="btree_not_null",
    )
    oa_unit_id = fields.Many2one(
        related="oa_enrolment_id.unit_id",
        string="Trainee's Unit",
        store=True,
        index="btree_not_null",
    )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            self._oa_link_retries(vals_list)
        return super().create(vals_list)

    @api.model
    def _oa_link_retries(self, vals_list):
        """The survey's Retry creates a new attempt in the same pool (same
        invitation token): it belongs to the same enrolment."""
        tokens = {
            vals["invite_token"]
            for vals in vals_list
            if vals.get("invite_token")
            and not vals.get("oa_enrolment_id")
            and not vals.get("test_entry")
        }
        if not tokens:
            return
        linked = self.sudo().search(
            [("invite_token", "in", list(tokens)), ("oa_enrolment_id", "!=", False)]
        )
        by_token = {
            attempt.invite_token: attempt.oa_enrolment_id.id for attempt in linked
        }
        for vals in vals_list:
            if vals.get("invite_token") in by_token and not vals.get("test_entry"):
                vals.setdefault("oa_enrolment_id", by_token[vals["invite_token"]])

    def write(self, vals):
        if not self.env.su and self.sudo().filtered("oa_enrolment_id"):
            raise UserError(
                self.env._(
                    "A training theory attempt is written only by the survey the "
                    "trainee answers; it cannot be changed by hand."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_training_attempts(self):
        if self.sudo().filtered("oa_enrolment_id"):
            raise UserError(
                self.env._("Training theory attempts are kept: they are never deleted.")
            )

    def _oa_check_answers_by_hand(self):
        if self.sudo().exists().filtered("oa_enrolment_id"):
            raise UserError(
                self.env._(
                    "The answers of a training theory attempt are given by the "
                    "trainee in the survey; they cannot be changed by hand."
                )
            )

    # ---- Business ----

    def _mark_done(self):
        """The result of a training attempt comes back to its enrolment."""
        res = super()._mark_done()
        attempts = self.sudo().filtered(
            lambda a: a.oa_enrolment_id and not a.test_entry
        )
        if attempts:
            attempts.oa_enrolment_id._oa_record_theory()
        return res


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            attempts = self.env["survey.user_input"].browse(
                [vals.get("user_input_id") for vals in vals_list]
            )
            attempts._oa_check_answers_by_hand()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.user_input_id._oa_check_answers_by_hand()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_training_answers(self):
        if not self.env.su:
            self.user_input_id._oa_check_answers_by_hand()
