# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaSupervisionDeadlineChange(models.Model):
    """One move of a supervision deadline, with its reason: written only by
    ``oa.supervision._do_change_deadline``, never changed."""

    _name = "oa.supervision.deadline.change"
    _description = "Supervision Deadline Change"
    _order = "id desc"

    supervision_id = fields.Many2one(
        "oa.supervision", required=True, index=True, ondelete="cascade", readonly=True
    )
    date_old = fields.Date(string="Previous Deadline", required=True, readonly=True)
    date_new = fields.Date(string="New Deadline", required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Changed By", required=True, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Deadline changes are recorded by the Change Deadline button of "
                    "the supervision item."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("Deadline changes are never modified."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Deadline changes are never deleted."))
