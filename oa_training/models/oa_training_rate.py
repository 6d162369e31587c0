# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import is_project


class OaTrainingRate(models.Model):
    """Training rate of a unit on a day (notice 三(二)4: 用户培训率100%):
    the unit's OA users who were trained and passed ÷ the unit's OA users,
    as the unit was that day — history does not change when people move."""

    _name = "oa.training.rate"
    _inherit = "oa.flow.guard"
    _description = "Training Rate per Unit and Day"
    _order = "date desc, unit_id"
    _rec_name = "unit_id"
    # every figure is the daily snapshot's (``_oa_snapshot``)
    _oa_flow_fields = (
        "date",
        "unit_id",
        "user_count",
        "passed_count",
        "rate",
        "missing_count",
        "missing_user_ids",
        "leader_count",
        "leader_passed_count",
        "leader_rate",
        "missing_leader_ids",
    )

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
        # counted per unit by PostgreSQL; only the people missing are listed
        self.env.cr.execute(
            """
            WITH passed AS (
                SELECT DISTINCT user_id FROM oa_training_enrolment
                 WHERE result = 'passed'
            ), leaders AS (
                SELECT uid AS user_id FROM res_groups_users_rel
                 WHERE gid = %(leader_group)s
                 UNION
                SELECT oa_leader_id FROM hr_department
                 WHERE oa_leader_id IS NOT NULL
            ), people AS (
                SELECT u.oa_unit_id AS unit_id,
                       u.id,
                       p.user_id IS NOT NULL AS passed,
                       l.user_id IS NOT NULL AS leader
                  FROM res_users u
                  LEFT JOIN passed p ON p.user_id = u.id
                  LEFT JOIN leaders l ON l.user_id = u.id
                 WHERE u.active AND NOT u.share AND u.oa_unit_id = ANY(%(units)s)
            )
            SELECT unit_id,
                   count(*),
                   count(*) FILTER (WHERE passed),
                   array_agg(id ORDER BY id) FILTER (WHERE NOT passed),
                   count(*) FILTER (WHERE leader),
                   count(*) FILTER (WHERE leader AND passed),
                   array_agg(id ORDER BY id) FILTER (WHERE leader AND NOT passed)
              FROM people
             GROUP BY unit_id
            """,
            {"leader_group": leader_group.id, "units": units.ids},
        )
        counted = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        rates = {}
        for unit_id in units.ids:
            users, passed, missing, leaders, leaders_passed, missing_leaders = (
                counted.get(unit_id) or (0, 0, None, 0, 0, None)
            )
            rates[unit_id] = {
                "user_count": users,
                "passed_count": passed,
                "rate": 100.0 * passed / users if users else 0.0,
                "missing_ids": missing or [],
                "leader_count": leaders,
                "leader_passed_count": leaders_passed,
                "leader_rate": 100.0 * leaders_passed / leaders if leaders else 0.0,
                "missing_leader_ids": missing_leaders or [],
            }
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
