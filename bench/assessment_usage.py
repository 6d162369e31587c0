#!/usr/bin/env python3
"""Usage metrics A and B for a month of 5,000 users in 100 units.

    python3 bench/assessment_usage.py -d oa [--units 100] [--users 5000]
        [--visits 200000]

Inserts ``units`` OA units and ``users`` users spread over them, and about
``visits`` visits over the 22 working days of March 2040 (SQL, in a
transaction that is rolled back).  Times ``oa.usage.snapshot.
_oa_compute_month`` (what the nightly job and the assessment call: working
days from the calendar, one aggregate over the visits, the snapshots
stored) against one hand-written SQL aggregate over the same table, checks
that both find the same visits and regular users, and prints the ratio
(target ≤ 3×).
"""

import time
from datetime import date, datetime, timedelta

from _odoo import Meter, odoo_env, out, parse_args
from training import insert_people

MONTH = date(2040, 3, 1)


def insert_visits(env, users, days, target):
    """About ``target`` visits: each user is online on a share of the
    working days that depends on his unit (about 70 % to 100 %), twice a day."""
    per_user_day = 2
    expected_share = target / (len(users) * len(days) * per_user_day)
    env.cr.execute(
        """
        INSERT INTO oa_visit (user_id, unit_id, datetime, kind)
        SELECT u.id, u.oa_unit_id,
               d.day + interval '1 hour' * n * 4 + random() * interval '3 hours',
               CASE WHEN n = 1 THEN 'login' ELSE 'return' END
          FROM res_users u
         CROSS JOIN unnest(%(days)s::timestamp[]) AS d(day)
         CROSS JOIN generate_series(1, %(per_day)s) AS n
         WHERE u.id = ANY(%(users)s)
           AND random() < least(1.0, %(share)s - 0.2 + (u.oa_unit_id %% 10) * 0.045)
        """,
        {
            "days": [datetime.combine(day, datetime.min.time()) for day in days],
            "per_day": per_user_day,
            "users": users.ids,
            "share": expected_share,
        },
    )
    inserted = env.cr.rowcount
    env.cr.execute("ANALYZE oa_visit")
    return inserted


def sql_floor(env, units, tz, start, stop, working_days, ratio):
    env.cr.execute(
        """
        WITH per_user AS (
            SELECT unit_id, user_id, count(*) AS visits,
                   count(DISTINCT (datetime AT TIME ZONE 'UTC'
                                            AT TIME ZONE %(tz)s)::date) AS days
              FROM oa_visit
             WHERE datetime >= %(start)s AND datetime < %(stop)s
               AND unit_id = ANY(%(units)s)
             GROUP BY unit_id, user_id
        )
        SELECT unit_id, sum(visits)::int,
               count(*) FILTER (WHERE days >= %(ratio)s * %(working_days)s)
          FROM per_user
         GROUP BY unit_id
        """,
        {
            "tz": tz,
            "start": start,
            "stop": stop,
            "units": units.ids,
            "ratio": ratio - 1e-9,
            "working_days": working_days,
        },
    )
    return {
        unit_id: (visits, regular) for unit_id, visits, regular in env.cr.fetchall()
    }


def main():
    args = parse_args(
        __doc__,
        units=(100, "OA units"),
        users=(5000, "OA users"),
        visits=(200000, "visits in the month (about)"),
    )
    with odoo_env(args.db) as env:
        start = time.perf_counter()
        Snapshot = env["oa.usage.snapshot"]
        calendar = Snapshot._oa_calendar()
        last = date(2040, 3, 31)
        days = calendar._oa_working_days(MONTH, last)
        units, users = insert_people(env, args.units, args.users)
        count = insert_visits(env, users, days, args.visits)
        out(
            f"set-up: {len(units)} units, {len(users)} users, {len(days)} working "
            f"days, {count} visits ({time.perf_counter() - start:.1f}s)"
        )
        tz, utc_start, utc_stop = Snapshot._oa_bounds(calendar, MONTH, last)
        ratio = Snapshot._oa_param("oa_assessment.regular_ratio")

        runs = 5
        floor = Meter(env)
        for _ in range(runs):
            with floor:
                rows = sql_floor(env, units, tz, utc_start, utc_stop, len(days), ratio)
        orm = Meter(env)
        for _ in range(runs):
            with orm:
                snapshots = Snapshot._oa_compute_month(MONTH, units=units, date_to=last)
        found = {s.unit_id.id: (s.visit_count, s.regular_user_count) for s in snapshots}
        assert found == {u: rows.get(u, (0, 0)) for u in units.ids}, "results differ"
        pure = Meter(env)
        for _ in range(runs):
            with pure:
                Snapshot._oa_aggregate(MONTH, last, units)
        below = sum(snapshots.mapped("below_target"))
        ms = 1000 / runs
        out(f"A and B, hand-written SQL aggregate:  {floor.seconds * ms:8.1f} ms")
        out(
            f"A and B, _oa_aggregate (no storing):  {pure.seconds * ms:8.1f} ms"
            f"  {pure.queries / runs:.0f} queries  ratio "
            f"{pure.seconds / floor.seconds:.2f}x"
        )
        out(
            f"A and B, _oa_compute_month (stored):  {orm.seconds * ms:8.1f} ms"
            f"  {orm.queries / runs:.0f} queries  ratio "
            f"{orm.seconds / floor.seconds:.2f}x (target <= 3x)"
        )
        out(f"units below target: {below} of {len(units)}")
        day = Meter(env)
        with day:
            Snapshot._oa_compute_days(MONTH, MONTH + timedelta(days=6), units=units)
        out(
            f"day snapshots of a week:              {day.seconds * 1000:8.1f} ms"
            f"  {day.queries} queries"
        )


if __name__ == "__main__":
    main()
