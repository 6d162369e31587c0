# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class OaTrainingEnrolWizard(models.TransientModel):
    _name = "oa.training.enrol.wizard"
    _description = "Enrol in a Training Batch"

    batch_id = fields.Many2one("oa.training.batch", required=True, readonly=True)
    mode = fields.Selection(
        [
            ("unit", "Everyone of a unit"),
            ("unit_not_passed", "Everyone of a unit not yet passed"),
            ("users", "Chosen people"),
        ],
        required=True,
        default="unit_not_passed",
    )
    unit_id = fields.Many2one(
        "hr.department", string="Unit", domain=[("is_oa_unit", "=", True)]
    )
    user_ids = fields.Many2many("res.users", string="People")

    def action_confirm(self):
        self.ensure_one()
        batch = self.batch_id
        if self.mode == "users":
            batch.action_enrol_users(self.user_ids.ids)
        else:
            if not self.unit_id:
                raise UserError(self.env._("Choose the unit to enrol."))
            batch.action_enrol_unit(
                self.unit_id.id, only_not_passed=self.mode == "unit_not_passed"
            )
        return {"type": "ir.actions.act_window_close"}
