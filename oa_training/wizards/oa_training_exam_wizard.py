# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaTrainingExamWizard(models.TransientModel):
    """The examiner types the scores of a whole batch on one screen; one
    save records every attempt."""

    _name = "oa.training.exam.wizard"
    _description = "Record Exam Results"

    batch_id = fields.Many2one("oa.training.batch", required=True, readonly=True)
    pass_mark = fields.Float(related="batch_id.pass_mark")
    line_ids = fields.One2many("oa.training.exam.wizard.line", "wizard_id")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        batch = self.env["oa.training.batch"].browse(res.get("batch_id"))
        if batch and "line_ids" in fields_list:
            pending = batch.enrolment_ids.filtered(lambda e: e.result != "passed")
            res["line_ids"] = [
                fields.Command.create({"enrolment_id": enrolment.id})
                for enrolment in pending
            ]
        return res

    def action_confirm(self):
        """Record the scores that were typed: a line left empty is not
        recorded (0 is a score only when typed)."""
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: not line.skip and (line.score or "").strip()
        )
        errors = [
            self.env._(
                "%(name)s: the score “%(value)s” is not a number between 0 and 100.",
                name=line.user_id.name,
                value=line.score.strip(),
            )
            for line in lines
            if line._oa_score() is None
        ]
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was recorded; correct these scores:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )
        if lines:
            self.env["oa.training.exam"].create(
                [
                    {
                        "enrolment_id": line.enrolment_id.id,
                        "score": line._oa_score(),
                        "note": line.note,
                    }
                    for line in lines
                ]
            )
        return {"type": "ir.actions.act_window_close"}


class OaTrainingExamWizardLine(models.TransientModel):
    _name = "oa.training.exam.wizard.line"
    _description = "Exam Result to Record"

    wizard_id = fields.Many2one(
        "oa.training.exam.wizard", required=True, ondelete="cascade"
    )
    enrolment_id = fields.Many2one("oa.training.enrolment", required=True)
    user_id = fields.Many2one(related="enrolment_id.user_id", string="Trainee")
    unit_id = fields.Many2one(related="enrolment_id.unit_id", string="Unit")
    # text, not a number: an empty score is "not recorded", which a float
    # field (always 0.0 when empty) cannot tell from a typed 0
    score = fields.Char(help="Leave empty when the score is not recorded.")
    skip = fields.Boolean(
        string="Not Taken", help="Did not take the exam: nothing is recorded."
    )
    note = fields.Char()

    def _oa_score(self):
        """The typed score as a number, or None when it is not a number
        between 0 and 100."""
        self.ensure_one()
        try:
            score = float((self.score or "").strip())
        except ValueError:
            return None
        return score if 0 <= score <= 100 else None
