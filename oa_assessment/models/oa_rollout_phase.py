# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaRolloutPhase(models.Model):
    """A phase of the roll-out (notice 一: 确定公文流程, 培训与系统配置,
    试运行, 正式运行与总结)."""

    _name = "oa.rollout.phase"
    _description = "Roll-out Phase"
    _order = "sequence, date_start, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    description = fields.Text(translate=True)
    task_ids = fields.One2many("oa.rollout.task", "phase_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_stats")
    late_count = fields.Integer(string="Late Tasks", compute="_compute_task_stats")

    _sql_constraints = [
        (
            "date_order",
            "CHECK(date_end >= date_start)",
            "A phase ends on or after its start.",
        )
    ]

    def _compute_task_stats(self):
        Task = self.env["oa.rollout.task"]
        domain = [("phase_id", "in", self.ids)]
        totals = dict(Task._read_group(domain, ["phase_id"], ["__count"]))
        late = dict(
            Task._read_group(
                domain + [("is_late", "=", True)], ["phase_id"], ["__count"]
            )
        )
        for phase in self:
            phase.task_count = totals.get(phase, 0)
            phase.late_count = late.get(phase, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for phase in self:
            if phase.date_end < phase.date_start:
                raise ValidationError(self.env._("A phase ends on or after its start."))
