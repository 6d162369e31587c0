# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import is_project


class OaTrainingRate(models.Model):
    """Training rate of a unit on a day (notice 三(二)4: 用户培训率100%):
    the unit's OA users who were trained and passed ÷ the unit's OA users,
    as the unit was that day — history does not change when people move."""

    _name = "oa.training.rate"
    _description = "Training Rate per Unit and Day"
    _order = "date desc, unit_id"
    _rec_name = "unit_id"

    date = fields.Date(required=True, index=True, readonly=True)
    unit_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, readonly=True
    )
    user_count = fields.Integer(string="OA Users", readonly=True)
    passed_count = fields.Integer(string="Trained and Passed", readonly=True)
    rate = fields.Float(string="Training Rate (%)", readonly=True, aggregator="avg")
    missing_count = fields.Integer(string="Missing", readonly=True)
    missing_user_ids = fields.Many2many(
        "res.users",
        "oa_training_rate_missing_rel",
        "rate_id",
        "user_id",
        string="Not Passed Yet",
        readonly=True,
    )
    leader_count = fields.Integer(string="Leaders", readonly=True)
    leader_passed_count = fields.Integer(string="Leaders Passed", readonly=True)
    leader_rate = fields.Float(
        string="Leaders' Training Rate (%)", readonly=True, aggregator="avg"
    )
    missing_leader_ids = fields.Many2many(
        "res.users",
        "oa_training_rate_missing_leader_rel",
        "rate_id",
        "user_id",
        string="Leaders Not Passed Yet",
        readonly=True,
    )

    _sql_constraints = [
        (
            "unit_date_unique",
            "UNIQUE(unit_id, date)",
            "One training rate per unit and day.",
        )
    ]

    def write(self, vals):
        if not self.env.su:
            self._oa_refuse()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._oa_refuse()
        return super().create(vals_list)

    def _oa_refuse(self):
        raise UserError(
            self.env._("Training rates are recorded by the daily scheduled action.")
        )

    @api.model
    def _oa_compute(self, units=None):
        """Rates of ``units`` (every OA unit by default) now, in one query:
        ``{unit_id: {...}}``."""
        if units is None:
            units = self.env["hr.department"].sudo().search([("is_oa_unit", "=", True)])
        self.env.flush_all()
        leader_group = self.env.ref("oa_base.group_oa_leader")
        self.env.cr.execute(
            """
            SELECT u.oa_unit_id,
                   u.id,
                   EXISTS (SELECT 1 FROM oa_training_enrolment e
                            WHERE e.user_id = u.id AND e.result = 'passed'),
                   EXISTS (SELECT 1 FROM res_groups_users_rel g
                            WHERE g.uid = u.id AND g.gid = %(leader_group)s)
                   OR EXISTS (SELECT 1 FROM hr_department d
                               WHERE d.oa_leader_id = u.id)
              FROM res_users u
             WHERE u.active AND NOT u.share AND u.oa_unit_id = ANY(%(units)s)
            """,
            {"leader_group": leader_group.id, "units": units.ids},
        )
        rates = {
            unit_id: {
                "user_ids": [],
                "missing_ids": [],
                "leader_ids": [],
                "missing_leader_ids": [],
            }
            for unit_id in units.ids
        }
        for unit_id, user_id, passed, leader in self.env.cr.fetchall():
            row = rates[unit_id]
            row["user_ids"].append(user_id)
            if not passed:
                row["missing_ids"].append(user_id)
            if leader:
                row["leader_ids"].append(user_id)
                if not passed:
                    row["missing_leader_ids"].append(user_id)
        for row in rates.values():
            users, leaders = len(row["user_ids"]), len(row["leader_ids"])
            row["user_count"] = users
            row["passed_count"] = users - len(row["missing_ids"])
            row["rate"] = 100.0 * row["passed_count"] / users if users else 0.0
            row["leader_count"] = leaders
            row["leader_passed_count"] = leaders - len(row["missing_leader_ids"])
            row["leader_rate"] = (
                100.0 * row["leader_passed_count"] / leaders if leaders else 0.0
            )
        return rates

    @api.model
    def _oa_snapshot(self, date=None, units=None):
        """Store the rates of the day (replacing that day's rows)."""
        date = date or fields.Date.context_today(self)
        rates = self._oa_compute(units)
        self.sudo().search(
            [("date", "=", date), ("unit_id", "in", list(rates))]
        ).unlink()
        return self.sudo().create(
            [
                {
                    "date": date,
                    "unit_id": unit_id,
                    "user_count": row["user_count"],
                    "passed_count": row["passed_count"],
                    "rate": row["rate"],
                    "missing_count": len(row["missing_ids"]),
                    "missing_user_ids": [fields.Command.set(row["missing_ids"])],
                    "leader_count": row["leader_count"],
                    "leader_passed_count": row["leader_passed_count"],
                    "leader_rate": row["leader_rate"],
                    "missing_leader_ids": [
                        fields.Command.set(row["missing_leader_ids"])
                    ],
                }
                for unit_id, row in rates.items()
            ]
        )

    @api.model
    def _cron_snapshot(self):
        self._oa_snapshot()

    def action_refresh_today(self):
        """Project group: record today's rates now."""
        if not is_project(self.env):
            self._oa_refuse()
        self.sudo()._oa_snapshot()
        return {"type": "ir.actions.client", "tag": "reload"}
