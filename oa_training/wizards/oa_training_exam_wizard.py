# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: not line.skip)
        self.env["oa.training.exam"].create(
            [
                {
                    "enrolment_id": line.enrolment_id.id,
                    "score": line.score,
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
    score = fields.Float()
    skip = fields.Boolean(
        string="Not Taken", help="Did not take the exam: nothing is recorded."
    )
    note = fields.Char()
