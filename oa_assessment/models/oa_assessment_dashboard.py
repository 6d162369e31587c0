# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The project group's assessment dashboard (notice 三): one row per unit
with the month's figures the assessment judges, and the trends of A and B.

Everything comes from ``get_data`` in one RPC.  Each figure is computed
where the assessment rule computes it (``oa.assessment.rule._oa_*``): the
dashboard shows what the month's assessment finds, never a second count.
The units are those the user may see (the project group: every OA unit; a
unit administrator: the units he administers); the stored figures
(snapshots, plan tasks, assessments) are read with his rights, and only
the counts the rules take as superuser (document steps, columns) are taken
so, for those units only."""

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .oa_assessment_rule import AMOUNT_GROUPS, month_first

# months offered by the picker and drawn by the trends
TREND_MONTHS = 12


class OaAssessmentDashboard(models.AbstractModel):
    _name = "oa.assessment.dashboard"
    _description = "Assessment Dashboard"

    # ---- Helpers ----

    @api.model
    def _oa_units(self):
        """The OA units the user may see on the dashboard."""
        user = self.env.user
        Unit = self.env["hr.department"]
        if self.env.su or user._oa_is_project():
            return Unit.search([("is_oa_unit", "=", True)], order="name, id")
        if not user.has_group("oa_base.group_oa_unit_admin"):
            raise AccessError(
                self.env._(
                    "The assessment dashboard is for the project group and the "
                    "units' system administrators."
                )
            )
        units = user._oa_administered_units().filtered(
            lambda u: u.is_oa_unit and u.active
        )
        return units.with_env(self.env).sorted(lambda u: (u.name or "", u.id))

    @api.model
    def _oa_month(self, month):
        """The first day of ``month`` ("YYYY-MM" or a date), the current
        month of the company (Beijing time) by default."""
        today = self.env["oa.usage.snapshot"]._oa_today()
        if not month:
            return today.replace(day=1)
        if isinstance(month, str) and len(month) == 7:
            month = f"{month}-01"
        return month_first(month)

    @api.model
    def _oa_local_day(self, moment):
        """``YYYY-MM-DD`` of the company's day of ``moment`` (naive UTC)."""
        if not moment:
            return False
        tz = self.env["resource.calendar"]._oa_company_tz()
        local = pytz.utc.localize(moment).astimezone(tz)
        return fields.Date.to_string(local.date())

    @api.model
    def _oa_rule_thresholds(self):
        rules = (
            self.env["oa.assessment.rule"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([], ["code", "threshold"])
        )
        return {rule.code: rule.threshold for rule in rules}

    # ---- The data of the dashboard ----

    @api.model
    @api.readonly  # only reads: served by the read replica when there is one
    def get_data(self, month=None):
        """Every block of the dashboard for ``month`` ("YYYY-MM", the
        current month by default): a fixed number of queries whatever the
        number of units."""
        first = self._oa_month(month)
        current = self._oa_month(None)
        units = self._oa_units()
        label = self.env["oa.assessment.rule"]._oa_months_label
        thresholds = self._oa_rule_thresholds()
        Snapshot = self.env["oa.usage.snapshot"]
        target_a = Snapshot._oa_param("oa_assessment.target_a")
        target_b = Snapshot._oa_param("oa_assessment.target_b")
        target_training = thresholds.get("training_rate") or 100.0
        column_days = (
            int(thresholds.get("column_fresh") or 0)
            or self.env["oa.column"]._oa_stale_days()
        )
        months = [
            current - relativedelta(months=i) for i in range(TREND_MONTHS - 1, -1, -1)
        ]
        trend_months = [
            first - relativedelta(months=i) for i in range(TREND_MONTHS - 1, -1, -1)
        ]
        result = {
            "month": label(first),
            "months": [label(m) for m in reversed(months)],
            "is_current": first == current,
            "amounts": self.env.user.has_groups(AMOUNT_GROUPS),
            "targets": {
                "a": target_a,
                "b": target_b,
                "training": target_training,
                "tasks": thresholds.get("plan_tasks") or 0,
                "documents": thresholds.get("document_delay") or 0,
                "column_days": column_days,
            },
            "rows": [],
            "trend": {"months": [label(m) for m in trend_months], "series": {}},
        }
        if not units:
            return result
        usage, trend = self._oa_usage(units, first, trend_months)
        training = self.env["oa.assessment.rule"]._oa_training_figures(units, first)
        Rule = self.env["oa.assessment.rule"]
        tasks = {u.id: t for u, t in Rule._oa_late_plan_tasks(units, first).items()}
        # the steps of a unit's documents and its columns are counted as the
        # rules count them (superuser), for the units the user may see
        steps = {
            unit.id: late
            for unit, late in Rule.sudo()._oa_late_document_steps(units, first).items()
        }
        columns = {
            unit.id: figures
            for unit, figures in Rule.sudo()
            ._oa_column_freshness(units, first, column_days)
            .items()
        }
        assessments = self._oa_assessments(units, first, result["amounts"])
        for unit in units:
            row = usage.get(unit.id, {})
            rate = training.get(unit.id) or {}
            late_tasks = tasks.get(unit.id, self.env["oa.rollout.task"])
            late_steps = steps.get(unit.id, [])
            unit_columns = columns.get(unit.id)
            assessment = assessments.get(unit.id)
            last_publication = False
            if unit_columns and unit_columns[2]:
                last_publication = max(unit_columns[2].values())
            result["rows"].append(
                {
                    "id": unit.id,
                    "name": unit.name,
                    "users": row.get("user_count", 0),
                    "a": row.get("rate_a"),
                    "b": row.get("rate_b"),
                    "a_ok": row.get("pass_a", False),
                    "b_ok": row.get("pass_b", False),
                    "usage_ids": row.get("snapshot_ids", []),
                    "training": rate.get("rate") if rate.get("count") else None,
                    "training_ok": not rate.get("count")
                    or rate["rate"] >= target_training,
                    "training_id": rate["snapshot"].id
                    if rate.get("snapshot")
                    else False,
                    "tasks_late": len(late_tasks),
                    "task_ids": late_tasks.ids,
                    "documents_late": len(late_steps),
                    "document_ids": list(
                        dict.fromkeys(
                            step.res_id
                            for step, _end in late_steps
                            if step.res_model == "oa.document"
                        )
                    ),
                    # the receiving unit's late steps (its receipts)
                    "receipt_ids": list(
                        dict.fromkeys(
                            step.res_id
                            for step, _end in late_steps
                            if step.res_model == "oa.document.incoming"
                        )
                    ),
                    "columns": len(unit_columns[0]) if unit_columns else 0,
                    "columns_stale": len(unit_columns[1]) if unit_columns else 0,
                    "column_ids": unit_columns[1].ids if unit_columns else [],
                    "last_publication": self._oa_local_day(last_publication),
                    "assessment_id": assessment["id"] if assessment else False,
                    "state": assessment["state"] if assessment else False,
                    "result": assessment["result"] if assessment else False,
                    "findings": assessment["findings"] if assessment else 0,
                    "fines": assessment["fines"] if assessment else None,
                    "rewards": assessment["rewards"] if assessment else None,
                }
            )
        result["trend"]["series"] = trend
        return result

    @api.model
    def _oa_usage(self, units, first, trend_months):
        """A and B of ``units``: ``({unit_id: the month's figures},
        {unit_id: {"a": [...], "b": [...]}})`` over ``trend_months``.  The
        month snapshots (what the assessment's usage rule stores) are read
        with the user's rights in one grouped query; a unit without the
        month's snapshot yet is computed from the visits, as the rule does."""
        Snapshot = self.env["oa.usage.snapshot"]
        groups = Snapshot._read_group(
            [
                ("period", "=", "month"),
                ("unit_id", "in", units.ids),
                ("date", ">=", trend_months[0]),
                ("date", "<=", trend_months[-1]),
            ],
            ["unit_id", "date:month"],
            [
                "rate_a:max",
                "rate_b:max",
                "user_count:max",
                "pass_a:bool_and",
                "pass_b:bool_and",
                "id:array_agg",
            ],
        )
        index = {month: i for i, month in enumerate(trend_months)}
        trend = {
            unit.id: {"a": [None] * len(trend_months), "b": [None] * len(trend_months)}
            for unit in units
        }
        usage = {}
        for unit, month, rate_a, rate_b, users, pass_a, pass_b, ids in groups:
            position = index.get(month_first(month))
            if position is None:
                continue
            trend[unit.id]["a"][position] = rate_a
            trend[unit.id]["b"][position] = rate_b
            if month_first(month) == first:
                usage[unit.id] = {
                    "user_count": users,
                    "rate_a": rate_a,
                    "rate_b": rate_b,
                    "pass_a": pass_a,
                    "pass_b": pass_b,
                    "snapshot_ids": ids,
                }
        missing = units.filtered(lambda u: u.id not in usage)
        today = Snapshot._oa_today()
        if missing and first <= today:
            last = first + relativedelta(months=1, days=-1)
            live = Snapshot.sudo()._oa_aggregate(first, min(last, today), missing)
            for unit_id, figures in live.items():
                usage[unit_id] = dict(figures, snapshot_ids=[])
                trend[unit_id]["a"][-1] = figures["rate_a"]
                trend[unit_id]["b"][-1] = figures["rate_b"]
        return usage, trend

    @api.model
    def _oa_assessments(self, units, first, amounts):
        """The month's assessments of ``units`` the user may read, with
        their fines and commendations when he may see amounts."""
        names = ["unit_id", "state", "result", "finding_count"]
        if amounts:
            names += ["fine_total", "reward_total"]
        records = self.env["oa.assessment"].search_fetch(
            [("month", "=", first), ("unit_id", "in", units.ids)], names
        )
        return {
            rec.unit_id.id: {
                "id": rec.id,
                "state": rec.state,
                "result": rec.result,
                "findings": rec.finding_count,
                "fines": rec.fine_total if amounts else None,
                "rewards": rec.reward_total if amounts else None,
            }
            for rec in records
        }
