# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time limits of the flows' steps, in working days of the company calendar:
the company's for a step type, and a unit's own where it differs.  A flow
declares its defaults (``oa.flow.mixin._oa_flow_steps``)."""

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError


class OaFlowDeadline(models.Model):
    _name = "oa.flow.deadline"
    _inherit = "oa.registry.cache.mixin"  # the limits are cached (_oa_limits)
    _description = "Step Time Limit"
    _order = "step_key, unit_id"
    _rec_name = "step_key"

    step_key = fields.Selection(
        selection="_selection_step_key",
        string="Step",
        required=True,
        help="The flow and its step.",
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        domain=[("is_oa_unit", "=", True)],
        help="Empty: the company's time limit; set: this unit's own.",
    )
    working_days = fields.Float(
        string="Time Limit (working days)",
        required=True,
        digits=(16, 1),
        help="Working days of the company calendar (holidays and make-up days "
        "counted) to act, from the day the step became pending.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "step_unit_unique",
            "UNIQUE NULLS NOT DISTINCT (step_key, unit_id)",
            "This step already has a time limit for this unit.",
        ),
    ]

    @api.model
    def _selection_step_key(self):
        """``model:step_type`` of every step of every declared flow."""
        keys = []
        for name in sorted(self.env):
            model = self.env[name]
            if model._abstract or not isinstance(model, self.pool["oa.flow.mixin"]):
                continue
            description = self.env["ir.model"]._get(name).name or model._description
            for step_type, (label, _days) in model._oa_flow_steps.items():
                key = name + ":" + step_type
                keys.append((key, description + " · " + self.env._(label)))
        return keys

    @api.constrains("working_days")
    def _check_working_days(self):
        for rec in self:
            if not 0.5 <= rec.working_days <= 366:
                raise ValidationError(
                    self.env._(
                        "A time limit is between 0.5 and 366 working days "
                        "(%(days)s given).",
                        days=rec.working_days,
                    )
                )

    @api.model
    @tools.ormcache("model", "step_type")
    def _oa_limits(self, model, step_type):
        """``{unit id: working days}`` of ``step_type`` of ``model`` (the
        company's under ``False``), cached: every step opened asks it."""
        rows = self.sudo().search_fetch(
            [("step_key", "=", model + ":" + step_type)],
            ["unit_id", "working_days"],
        )
        return {row.unit_id.id: row.working_days for row in rows}
