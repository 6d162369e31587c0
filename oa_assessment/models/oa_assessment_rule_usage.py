# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules of the monthly assessment that read the roll-out plan and the
usage metrics of this addon: plan tasks done by their deadline (notice
三(二)3) and the usage rates A and B against their targets (三(一)4)."""

from dateutil.relativedelta import relativedelta

from odoo import fields, models

from .oa_assessment_rule_checks import _listed


class OaAssessmentRule(models.Model):
    _inherit = "oa.assessment.rule"

    # ---- Roll-out plan on time (notice 三(二)3) ----

    def _oa_late_plan_tasks(self, units, month):
        """THE late plan tasks of ``units`` in ``month`` (the rule's and the
        dashboard's): tasks whose deadline fell in the month or before it
        and that were done after it in the month, or were still open after it
        at the month's end (or today, for the current month).
        ``{unit: tasks}``, one query, read in the caller's environment."""
        month = fields.Date.to_date(month).replace(day=1)
        month_end = month + relativedelta(months=1, days=-1)
        cutoff = min(month_end, fields.Date.context_today(self))
        Task = self.env["oa.rollout.task"]
        tasks = Task.search_fetch(
            [
                ("unit_id", "in", units.ids),
                ("state", "!=", "cancel"),
                ("date_deadline", "!=", False),
                ("date_deadline", "<", cutoff),
            ],
            ["unit_id", "state", "date_deadline", "date_done"],
        )
        late_by_unit = {}
        for task in tasks:
            if task.state == "done":
                # done after its deadline: found in the month it was done
                late = bool(task.date_done) and (
                    task.date_done > task.date_deadline
                    and month <= task.date_done <= month_end
                )
            else:
                # still open past its deadline: found every month it stays so
                late = True
            if late:
                late_by_unit.setdefault(task.unit_id, Task)
                late_by_unit[task.unit_id] |= task
        return late_by_unit

    def _rule_plan_tasks(self, units, month):
        """Plan tasks of the unit whose deadline fell in the month or before
        it and that were done after it, or were still open after it at the
        month's end (or today, for the current month)."""
        _ = self.env._
        late_by_unit = self.sudo()._oa_late_plan_tasks(units, month)
        findings = []
        for unit, late in late_by_unit.items():
            if len(late) <= (self.threshold or 0):
                continue
            items = [
                _(
                    "“%(task)s” (deadline %(deadline)s, %(state)s)",
                    task=task.name,
                    deadline=task.date_deadline,
                    state=_("done on %(day)s", day=task.date_done)
                    if task.state == "done"
                    else _("still open"),
                )
                for task in late.sorted("date_deadline")
            ]
            findings.append(
                {
                    "unit": unit,
                    "evidence": _(
                        "%(count)s roll-out plan task(s) of %(unit)s late: %(items)s.",
                        count=len(late),
                        unit=unit.name,
                        items=_listed(items, _("…")),
                    ),
                    "records": late,
                }
            )
        return findings

    # ---- Usage rates A and B (notice 三(一)4) ----

    def _rule_usage(self, units, month):
        """The month's usage rates of the unit: A (visits per user and
        working day) above its target and B (share of regular users) at or
        above its target, from the month's snapshots (computed now)."""
        _ = self.env._
        snapshots = (
            self.env["oa.usage.snapshot"].sudo()._oa_compute_month(month, units=units)
        )
        findings = []
        for snap in snapshots.filtered(lambda s: s.user_count):
            misses = []
            if not snap.pass_a:
                misses.append(
                    _(
                        "A = %(rate).2f (target above %(target).2f)",
                        rate=snap.rate_a,
                        target=snap.target_a,
                    )
                )
            if not snap.pass_b:
                misses.append(
                    _(
                        "B = %(rate).0f%% (target above %(target).0f%%)",
                        rate=snap.rate_b * 100,
                        target=snap.target_b * 100,
                    )
                )
            if misses:
                findings.append(
                    {
                        "unit": snap.unit_id,
                        "evidence": _(
                            "Usage of %(unit)s below target: %(misses)s.",
                            unit=snap.unit_id.name,
                            misses="; ".join(misses),
                        ),
                        "records": snap,
                    }
                )
        return findings
