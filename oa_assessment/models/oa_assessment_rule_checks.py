# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules of the monthly assessment that read what the suite records:
the unit's project team (oa_base), its documents' step timings
(oa_document), its columns (oa_portal_columns) and its training
(oa_training).  Each ``_rule_<code>(units, month)`` returns findings (see
``oa.assessment.rule``); they run as superuser on behalf of the assessment."""

from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL, format_date

from .oa_assessment_rule import month_first

# evidence lists name at most this many items, then "…"
EVIDENCE_ITEMS = 5


def _listed(items, more):
    shown = list(items[:EVIDENCE_ITEMS])
    if len(items) > EVIDENCE_ITEMS:
        shown.append(more)
    return "; ".join(shown)


# the flows whose steps count in "documents without delay": the outgoing
# documents' (the sending unit's, countersigning units') and the receipts'
# (the receiving unit's)
DELAY_FLOW_MODELS = ("oa.document", "oa.document.incoming")


class OaAssessmentRule(models.Model):
    _inherit = "oa.assessment.rule"

    # ---- Project team (notice 二(一)3, 三(一)1) ----

    def _rule_team(self, units, month):
        """Two system administrators and a leader in charge are named."""
        _ = self.env._
        findings = []
        for unit in units.sudo():
            issues = []
            count = len(unit._oa_role_users("admin"))
            if count != 2:
                issues.append(
                    _(
                        "%(count)s active system administrator(s) named instead of 2",
                        count=count,
                    )
                )
            if not unit._oa_role_users("leader"):
                issues.append(_("no leader in charge named"))
            if issues:
                findings.append(
                    {
                        "unit": unit,
                        "evidence": _(
                            "Project team of %(unit)s incomplete: %(issues)s.",
                            unit=unit.name,
                            issues="; ".join(issues),
                        ),
                        "records": unit,
                    }
                )
        return findings

    # ---- Roll-out deadlines determined (notice 三(二)3) ----

    def _rule_plan_deadline_unknown(self, units, month):
        """Open plan tasks due some working days after the unit's
        administrators' training, which is not finished although the task's
        phase had begun by the month's end (or today, for the current
        month): their deadline cannot be determined, so they could never be
        late.  ``threshold``: such tasks tolerated."""
        _ = self.env._
        cutoff = min(self._oa_month_last_day(month), fields.Date.context_today(self))
        tasks = self.env["oa.rollout.task"]._oa_undetermined_deadlines(units, cutoff)
        by_unit = {}
        for task in tasks.sorted(lambda t: (t.phase_id.date_start, t.id)):
            by_unit.setdefault(task.unit_id, self.env["oa.rollout.task"])
            by_unit[task.unit_id] |= task
        findings = []
        for unit, pending in by_unit.items():
            if len(pending) <= (self.threshold or 0):
                continue
            items = [
                _(
                    "“%(task)s” (phase %(phase)s began on %(date)s)",
                    task=task.name,
                    phase=task.phase_id.name,
                    date=format_date(self.env, task.phase_id.date_start),
                )
                for task in pending
            ]
            findings.append(
                {
                    "unit": unit,
                    "evidence": _(
                        "Training not finished, deadline undetermined: "
                        "%(count)s roll-out plan task(s) of %(unit)s count from "
                        "the administrators' training, which is not finished: "
                        "%(items)s.",
                        count=len(pending),
                        unit=unit.name,
                        items=_listed(items, "…"),
                    ),
                    "records": pending,
                }
            )
        return findings

    # ---- Documents without delay (notice 三(一)3: 公文流转顺畅,无延迟) ----

    def _oa_late_document_steps(self, units, month):
        """THE late document steps of ``units`` in ``month`` (the rule's and
        the dashboard's): steps whose deadline fell in the month and that
        ended after it, or were still open after it at the month's end (or
        now, for the current month) — the sending unit's (and the countersigning
        units') rows of the outgoing documents and the receiving unit's rows
        of its receipts, all in ``oa.flow.step``.
        ``{unit: [(step, ended), ...]}`` in the order of their deadlines;
        read in the caller's environment."""
        start, end = self._oa_month_bounds(month)
        cutoff = min(end, fields.Datetime.now())
        timing = [
            ("date_deadline", ">=", start),
            ("date_deadline", "<", cutoff),
            ("state", "in", ("pending", "done", "returned")),
        ]
        steps = self.env["oa.flow.step"].search_fetch(
            [
                *timing,
                ("res_model", "in", DELAY_FLOW_MODELS),
                ("unit_id", "in", units.ids),
            ],
            ["date_deadline", "date_end", "unit_id", "res_model", "res_id", "name"],
            order="date_deadline, id",
        )
        late_by_unit = {}
        for step in steps:
            ended = step.date_end or cutoff
            if ended > step.date_deadline:
                late_by_unit.setdefault(step.unit_id, []).append((step, ended))
        return late_by_unit

    def _rule_document_delay(self, units, month):
        """Document steps of the unit — sending and receiving — whose
        deadline fell in the month and that ended after it, or were still
        open after it at the month's end (or now, for the current month).
        ``threshold``: late steps tolerated.  One finding per kind of record
        late (outgoing documents, receipts)."""
        _ = self.env._
        late_by_unit = self.sudo()._oa_late_document_steps(units, month)
        findings = []
        for unit, late in late_by_unit.items():
            if len(late) <= self.threshold:
                continue
            by_model = {}
            for step, ended in late:
                by_model.setdefault(step.res_model, []).append((step, ended))
            for model, model_late in by_model.items():
                outgoing = model == "oa.document"
                items = [
                    _(
                        "《%(doc)s》 %(step)s: %(hours)s h late%(open)s",
                        doc=step.record_name,
                        step=step.name,
                        hours=round(
                            (ended - step.date_deadline).total_seconds() / 3600, 1
                        ),
                        open="" if step.date_end else _(" (still open)"),
                    )
                    for step, ended in model_late
                ]
                if outgoing:
                    records = (
                        self.env["oa.document"]
                        .sudo()
                        .browse(list(dict.fromkeys(s.res_id for s, _e in model_late)))
                    )
                    evidence = _(
                        "%(count)s document step(s) handled after their time "
                        "limit: %(items)s.",
                        count=len(model_late),
                        items=_listed(items, "…"),
                    )
                else:
                    records = (
                        self.env["oa.document.incoming"]
                        .sudo()
                        .browse(list(dict.fromkeys(s.res_id for s, _e in model_late)))
                    )
                    evidence = _(
                        "%(count)s step(s) of received documents handled after "
                        "their time limit: %(items)s.",
                        count=len(model_late),
                        items=_listed(items, "…"),
                    )
                findings.append(
                    {"unit": unit, "evidence": evidence, "records": records}
                )
        return findings

    # ---- Columns kept fresh (notice 三(一)3, 三(二)5) ----

    def _oa_column_freshness(self, units, month, days):
        """THE freshness of the columns of ``units`` at the end of ``month``
        (the rule's and the dashboard's): ``{unit: (root columns, stale ones,
        {kind: last publication})}``, a column being stale without a
        publication of its kind in the ``days`` days before the month's end.
        Two queries, read in the caller's environment."""
        Column = self.env["oa.column"]
        _start, end = self._oa_month_bounds(month)
        limit = end - timedelta(days=days)
        last = {
            (unit.id, kind): when
            for unit, kind, when in self.env["oa.article"]._read_group(
                [
                    ("unit_id", "in", units.ids),
                    ("state", "!=", "draft"),
                    ("publish_date", "<", end),
                ],
                ["unit_id", "kind"],
                ["publish_date:max"],
            )
        }
        roots = Column.search_fetch(
            [("unit_id", "in", units.ids), ("parent_id", "=", False)],
            ["name", "unit_id", "kind"],
            order="unit_id, sequence, id",
        )
        by_unit = {}
        for column in roots:
            by_unit.setdefault(column.unit_id, Column)
            by_unit[column.unit_id] |= column
        freshness = {}
        for unit, columns in by_unit.items():
            stale = columns.filtered(
                lambda c, unit=unit: not last.get((unit.id, c.kind))
                or last[(unit.id, c.kind)] < limit
            )
            freshness[unit] = (
                columns,
                stale,
                {kind: when for (uid, kind), when in last.items() if uid == unit.id},
            )
        return freshness

    def _rule_column_fresh(self, units, month):
        """Each of the unit's news centre, notices and knowledge centre had
        a publication within ``threshold`` days (default: the columns'
        "stale after" setting) before the month's end."""
        _ = self.env._
        days = int(self.threshold) or self.env["oa.column"]._oa_stale_days()
        freshness = self.sudo()._oa_column_freshness(units, month, days)
        findings = []
        for unit, (_columns, stale, last) in freshness.items():
            if not stale:
                continue
            items = []
            for column in stale:
                when = last.get(column.kind)
                items.append(
                    _(
                        "%(column)s (last publication %(date)s)",
                        column=column.name,
                        date=format_date(self.env, when),
                    )
                    if when
                    else _("%(column)s (never published)", column=column.name)
                )
            findings.append(
                {
                    "unit": unit,
                    "evidence": _(
                        "Columns without a publication in the %(days)s days before "
                        "the month's end: %(items)s.",
                        days=days,
                        items="; ".join(items),
                    ),
                    "records": stale,
                }
            )
        return findings

    # ---- Users' training rate (notice 三(二)4: 用户培训率100%) ----

    def _oa_training_figures(self, units, month):
        """THE training rate of each of ``units`` for ``month`` (the rule's
        and the dashboard's): the last daily snapshot of the month, else the
        rate now.  ``{unit_id: {"count", "passed", "rate", "date" (False when
        live), "snapshot" (an oa.training.rate or False), "missing_ids"}}``;
        the snapshots are read in the caller's environment (its record
        rules), one query for the last one of each unit."""
        last_day = self._oa_month_last_day(month)
        Rate = self.env["oa.training.rate"]
        query = Rate._search(
            [
                ("unit_id", "in", units.ids),
                ("date", ">=", month_first(month)),
                ("date", "<=", last_day),
            ],
        )
        unit_id, date, id_ = (
            SQL.identifier(query.table, name) for name in ("unit_id", "date", "id")
        )
        query.order = SQL("%s, %s DESC, %s DESC", unit_id, date, id_)
        self.env.cr.execute(query.select(SQL("DISTINCT ON (%s) %s", unit_id, id_)))
        snapshots = Rate.browse(row[0] for row in self.env.cr.fetchall())
        snapshots.fetch(
            ["unit_id", "date", "user_count", "passed_count", "rate", "missing_count"]
        )
        figures = {
            rate.unit_id.id: {
                "count": rate.user_count,
                "passed": rate.passed_count,
                "rate": rate.rate,
                "date": rate.date,
                "snapshot": rate,
                "missing_ids": None,  # rate.missing_user_ids, read when needed
            }
            for rate in snapshots
        }
        missing_units = units.filtered(lambda u: u.id not in figures)
        if missing_units:
            live = Rate.sudo()._oa_compute(missing_units)
            for unit_id, row in live.items():
                figures[unit_id] = {
                    "count": row["user_count"],
                    "passed": row["passed_count"],
                    "rate": row["rate"],
                    "date": False,
                    "snapshot": False,
                    "missing_ids": row["missing_ids"],
                }
        return figures

    def _rule_training_rate(self, units, month):
        """The unit's training rate (the last daily snapshot of the month,
        else the rate now) reaches ``threshold`` percent (default 100)."""
        _ = self.env._
        target = self.threshold or 100.0
        figures = self.sudo()._oa_training_figures(units, month)
        Users = self.env["res.users"].sudo()
        findings = []
        for unit in units:
            row = figures.get(unit.id)
            if not row:
                continue
            count, passed, value = row["count"], row["passed"], row["rate"]
            if row["snapshot"]:
                missing = row["snapshot"].missing_user_ids
                records = row["snapshot"]
                when = format_date(self.env, row["date"])
            else:
                missing = records = Users.browse(row["missing_ids"])
                when = _("now (no snapshot in the month)")
            if not count or value >= target:
                continue
            findings.append(
                {
                    "unit": unit,
                    "evidence": _(
                        "Training rate %(rate)s%% on %(when)s (%(passed)s of "
                        "%(count)s users trained and passed), below %(target)s%%; "
                        "not passed yet: %(names)s.",
                        rate=round(value, 1),
                        when=when,
                        passed=passed,
                        count=count,
                        target=round(target, 1),
                        names=_listed(missing.mapped("name"), "…"),
                    ),
                    "records": records,
                }
            )
        return findings

    # ---- Administrators' training (notice 三(二)1) ----

    def _rule_admin_training(self, units, month):
        """Each system administrator attended every session, finished the
        course and passed (oa_training's status); only the administrator
        concerned is fined."""
        _ = self.env._
        admins_by_unit = {unit: unit.sudo()._oa_role_users("admin") for unit in units}
        everyone = self.env["res.users"].sudo().union(*admins_by_unit.values())
        status = everyone._oa_training_admin_status()
        Enrolment = self.env["oa.training.enrolment"].sudo()
        findings = []
        for unit, admins in admins_by_unit.items():
            for admin in admins:
                ok, reason = status[admin.id]
                if ok:
                    continue
                enrolments = Enrolment.search(
                    [("user_id", "=", admin.id), ("kind", "=", "admin")]
                )
                findings.append(
                    {
                        "unit": unit,
                        "evidence": _(
                            "System administrator %(name)s's training: %(reason)s",
                            name=admin.name,
                            reason=reason,
                        ),
                        "records": enrolments or admin,
                        "admins": admin,
                    }
                )
        return findings

    # ---- Commendation (notice 三: 按进度完成任务并取得良好效果的单位…嘉奖) ----

    def _rule_commendation(self, units, month):
        """Called with the units that have no finding in the month: they are
        commended when they also reach "good results" (取得良好效果), the usage
        rate A of ``threshold`` (visits per user and working day; 0: every
        unit without finding).  The others simply pass."""
        _ = self.env._
        if self.threshold and units:
            snapshots = (
                self.env["oa.usage.snapshot"]
                .sudo()
                ._oa_compute_month(month, units=units)
            )
            good = snapshots.filtered(lambda s: s.rate_a >= self.threshold).unit_id
            units = units & good
        return [
            {
                "unit": unit,
                "evidence": _(
                    "No finding in %(month)s: every assessed requirement was met "
                    "on time.",
                    month=self._oa_months_label(month),
                ),
                "records": unit,
            }
            for unit in units
        ]
