#!/usr/bin/env python3
"""The assessment dashboard of 200 units in one RPC (target < 300 ms).

    python3 bench/assessment_dashboard.py -d oa [--units 200] [--users 10000]
        [--visits 200000]

Builds, in a transaction that is rolled back: ``units`` OA units with their
root columns and ``users`` users spread over them (SQL), about ``visits``
visits in the previous month and as many per working day in the current
one, 11 earlier months of month snapshots (the trends), a training-rate
snapshot, three plan tasks (one late) and a late step per unit (a
countersign of one document), and the previous month's assessment of
every unit (every active rule).

Then times, as a project-group user, ``oa.assessment.dashboard.get_data``
(the dashboard's one RPC, its answer serialised to JSON as the RPC does):
the previous month (stored snapshots, assessed) and the current month (no
snapshot yet: A and B from the visits); median of 5 calls on a cold ORM
cache.  Baseline measured in the same run: the month's A and B per unit
(``web_search_read`` of the same units' month snapshots, what the "A and B
per unit" menu loads).
"""

import json
import statistics
import time
from datetime import datetime, timedelta

from _odoo import Meter, odoo_env, out, parse_args
from assessment_usage import insert_visits
from dateutil.relativedelta import relativedelta
from training import insert_people

TARGET_MS = 300.0
RUNS = 5


def insert_history(env, units, first):
    """Month snapshots of the 11 months before ``first`` (the trends)."""
    env.cr.execute(
        """
        INSERT INTO oa_usage_snapshot (unit_id, period, date, date_to, user_count,
               working_days, visit_count, regular_user_count, rate_a, rate_b,
               target_a, target_b, pass_a, pass_b, below_target,
               create_uid, write_uid, create_date, write_date)
        SELECT u, 'month', m::date, (m + interval '1 month - 1 day')::date, 50,
               21, 0, 0, r.a, r.b, 1.0, 0.3, r.a > 1, r.b > 0.3,
               NOT (r.a > 1 AND r.b > 0.3), 1, 1, now(), now()
          FROM unnest(%s::int[]) AS u
         CROSS JOIN generate_series(%s::date - interval '11 months',
                                    %s::date - interval '1 month',
                                    interval '1 month') AS m
         CROSS JOIN LATERAL (SELECT 0.5 + random() AS a, random() * 0.6 AS b) r
        """,
        [units.ids, first, first],
    )


def insert_plan_and_documents(env, units, first):
    phase = env["oa.rollout.phase"].create(
        {
            "name": "基准阶段",
            "date_start": first - relativedelta(months=2),
            "date_end": first + relativedelta(months=2),
        }
    )
    # one document of an existing unit; each bench unit acts in one late step
    drafter = env["res.users"].search(
        [("oa_unit_id", "!=", False), ("share", "=", False)], limit=1
    )
    tasks = []
    for unit in units:
        for day, name in ((3, "按期"), (10, "逾期"), (45, "未到期")):
            tasks.append(
                {
                    "name": f"{unit.name}{name}任务",
                    "phase_id": phase.id,
                    "unit_id": unit.id,
                    "deadline_type": "fixed",
                    "date_fixed": first + timedelta(days=day),
                }
            )
    created = env["oa.rollout.task"].create(tasks)
    on_time = created.filtered(lambda t: t.name.endswith("按期任务"))
    on_time.write({"state": "done", "date_done": first + timedelta(days=2)})
    document = env["oa.document"].create(
        {
            "name": "基准会签公文",
            "issuing_unit_id": drafter.oa_unit_id.id,
            "drafter_id": drafter.id,
        }
    )
    deadline = datetime.combine(first + timedelta(days=5), datetime.min.time())
    env["oa.flow.step"].create(
        [
            {
                "res_model": "oa.document",
                "res_id": document.id,
                "name": "会签",
                "sequence": 10,
                "step_type": "countersign",
                "unit_id": unit.id,
                "state": "done",
                "date_start": deadline - timedelta(days=1),
                "date_deadline": deadline,
                "date_end": deadline + timedelta(hours=5),
            }
            for unit in units
        ]
    )


def timed(env, call):
    """Median and first of ``RUNS`` calls, each on a cold ORM cache."""
    times, queries, size = [], 0, 0
    for _run in range(RUNS):
        env.invalidate_all()
        meter = Meter(env)
        with meter:
            size = len(json.dumps(call(), default=str))
        times.append(meter.seconds * 1000)
        queries = meter.queries
    return statistics.median(times), times[0], queries, size


def main():
    args = parse_args(
        __doc__,
        units=(200, "OA units"),
        users=(10000, "OA users"),
        visits=(200000, "visits in the previous month (about)"),
    )
    with odoo_env(args.db) as env:
        start = time.perf_counter()
        Snapshot = env["oa.usage.snapshot"]
        calendar = Snapshot._oa_calendar()
        today = Snapshot._oa_today()
        current = today.replace(day=1)
        previous = current - relativedelta(months=1)
        units, users = insert_people(env, args.units, args.users)
        units._oa_ensure_columns()
        days = calendar._oa_working_days(previous, current - timedelta(days=1))
        count = insert_visits(env, users, days, args.visits)
        now_days = calendar._oa_working_days(current, today)
        if now_days:
            count += insert_visits(
                env, users, now_days, args.visits * len(now_days) // len(days)
            )
        insert_history(env, units, previous)
        env["oa.training.rate"]._oa_snapshot(
            date=current - timedelta(days=1), units=units
        )
        insert_plan_and_documents(env, units, previous)
        assessments = env["oa.assessment"]._oa_assess_month(previous, units)
        project = env["res.users"].create(
            {
                "name": "基准项目组",
                "login": "bench_dashboard_project",
                "groups_id": [(6, 0, [env.ref("oa_base.group_oa_project").id])],
                "oa_unit_id": units[0].id,
            }
        )
        env.flush_all()
        out(
            f"set-up: {len(units)} units, {len(users)} users, {count} visits, "
            f"{len(assessments)} assessments of {previous:%Y-%m} "
            f"({time.perf_counter() - start:.1f}s)"
        )
        penv = env(user=project.id, su=False)
        Dashboard = penv["oa.assessment.dashboard"]
        data = Dashboard.get_data(f"{previous:%Y-%m}")
        mine = [row for row in data["rows"] if row["id"] in set(units.ids)]
        assert len(mine) == len(units), "a unit is missing from the dashboard"
        assert all(row["tasks_late"] == 1 for row in mine), "late tasks"
        assert all(row["documents_late"] == 1 for row in mine), "late steps"
        assert all(row["assessment_id"] for row in mine), "assessments"

        def baseline():
            return penv["oa.usage.snapshot"].web_search_read(
                [
                    ("period", "=", "month"),
                    ("date", "=", previous),
                    ("unit_id", "in", units.ids),
                ],
                {
                    "unit_id": {"fields": {"display_name": {}}},
                    "user_count": {},
                    "rate_a": {},
                    "rate_b": {},
                    "pass_a": {},
                    "pass_b": {},
                },
                limit=len(units),
            )

        base_ms, base_first, base_queries, _size = timed(penv, baseline)
        out(
            f"baseline: A and B per unit (web_search_read, {len(units)} rows)"
            f"  {base_ms:7.1f} ms  {base_queries} queries"
        )
        for label, month in (
            ("previous month (stored, assessed)", previous),
            ("current month (A and B from visits)", current),
        ):
            ms, first_ms, queries, size = timed(
                penv, lambda month=month: Dashboard.get_data(f"{month:%Y-%m}")
            )
            out(
                f"dashboard get_data, {label:36}  {ms:7.1f} ms (first {first_ms:.1f})"
                f"  {queries} queries  {size // 1024} KiB  ratio {ms / base_ms:5.1f}x"
                f"  (target < {TARGET_MS:.0f} ms: "
                f"{'met' if ms < TARGET_MS else 'MISSED'})"
            )


if __name__ == "__main__":
    main()
