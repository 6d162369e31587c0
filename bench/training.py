#!/usr/bin/env python3
"""Training rates for many units and users, and re-enrolment of many failures.

    python3 bench/training.py -d oa [--units 200] [--users 20000] [--failures 1000]

1. Inserts ``units`` OA units and ``users`` users spread over them (SQL, in a
   transaction that is rolled back), 60 % of them with a passed enrolment.
   Times ``oa.training.rate._oa_compute`` (what the daily snapshot and the
   assessment call) against one hand-written SQL aggregate over the same
   tables, and prints the ratio (target ≤ 3×) and the queries.
2. Enrols ``failures`` of those users in an open batch, records a failing
   score for each, and times closing the batch: all of them are enrolled in
   the next batch, with their to-dos and their administrators' summaries
   (target < 5 s).
"""

import time

from _odoo import Meter, odoo_env, out, parse_args


def insert_people(env, units, users):
    cr = env.cr
    company = env.company.id
    cr.execute(
        """
        INSERT INTO hr_department (name, is_oa_unit, company_id, active,
               create_uid, write_uid, create_date, write_date)
        SELECT jsonb_build_object('en_US', '基准单位' || g), true, %s, true,
               1, 1, now(), now()
          FROM generate_series(1, %s) g
        RETURNING id
        """,
        [company, units],
    )
    unit_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, type, company_id,
               create_uid, write_uid, create_date, write_date)
        SELECT '基准用户' || g, '基准用户' || g, true, 'contact', %s,
               1, 1, now(), now()
          FROM generate_series(1, %s) g
        RETURNING id
        """,
        [company, users],
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO res_users (login, partner_id, company_id, active, share,
               notification_type, oa_unit_id, create_uid, write_uid,
               create_date, write_date)
        SELECT 'bench' || p.n, p.id, %s, true, false, 'inbox',
               (%s::int[])[1 + p.n %% %s], 1, 1, now(), now()
          FROM unnest(%s::int[]) WITH ORDINALITY AS p(id, n)
        RETURNING id
        """,
        [company, unit_ids, len(unit_ids), partner_ids],
    )
    user_ids = [row[0] for row in cr.fetchall()]
    env.invalidate_all()
    return env["hr.department"].browse(unit_ids), env["res.users"].browse(user_ids)


def sql_floor(env, units):
    env.cr.execute(
        """
        SELECT u.oa_unit_id, count(*),
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM oa_training_enrolment e
                    WHERE e.user_id = u.id AND e.result = 'passed'))
          FROM res_users u
         WHERE u.active AND NOT u.share AND u.oa_unit_id = ANY(%s)
         GROUP BY u.oa_unit_id
        """,
        [units.ids],
    )
    return env.cr.fetchall()


def make_batch(env, name, day, kind="staff"):
    return env["oa.training.batch"].create(
        {
            "name": name,
            "kind": kind,
            "date_start": f"2040-03-{day:02d}",
            "date_end": f"2040-03-{day + 1:02d}",
            "session_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"课{i}",
                        "date": f"2040-03-{day + i // 2:02d}",
                        "half": "am" if i % 2 == 0 else "pm",
                    },
                )
                for i in range(4)
            ],
        }
    )


def main():
    args = parse_args(
        __doc__,
        units=(200, "OA units"),
        users=(20000, "OA users"),
        failures=(1000, "failures to re-enrol"),
    )
    with odoo_env(args.db) as env:
        start = time.perf_counter()
        units, users = insert_people(env, args.units, args.users)
        passed_batch = make_batch(env, "基准已结业", 1)
        passed_batch.action_open()
        passers = users[: int(len(users) * 0.6)]
        env.cr.execute(
            """
            INSERT INTO oa_training_enrolment (batch_id, user_id, unit_id, kind,
                   date_start, origin, result, create_uid, write_uid,
                   create_date, write_date)
            SELECT %s, u.id, u.oa_unit_id, 'staff', '2040-03-01', 'manual',
                   'passed', 1, 1, now(), now()
              FROM res_users u WHERE u.id = ANY(%s)
            """,
            [passed_batch.id, passers.ids],
        )
        out(
            f"set-up: {len(units)} units, {len(users)} users, {len(passers)} passed "
            f"({time.perf_counter() - start:.1f}s)"
        )

        Rate = env["oa.training.rate"]
        runs = 5
        floor = Meter(env)
        for _ in range(runs):
            with floor:
                rows = sql_floor(env, units)
        orm = Meter(env)
        for _ in range(runs):
            with orm:
                rates = Rate._oa_compute(units)
        assert sum(r["passed_count"] for r in rates.values()) == sum(
            row[2] for row in rows
        )
        ratio = orm.seconds / floor.seconds
        out(f"rates, hand-written SQL aggregate: {floor.seconds / runs * 1000:8.1f} ms")
        out(
            f"rates, _oa_compute (with lists):   {orm.seconds / runs * 1000:8.1f} ms"
            f"  {orm.queries / runs:.0f} queries  ratio {ratio:.2f}x (target <= 3x)"
        )
        snap = Meter(env)
        with snap:
            Rate._oa_snapshot(units=units)
        out(
            f"rates, daily snapshot stored:      {snap.seconds * 1000:8.1f} ms  "
            f"{snap.queries} queries"
        )

        failing = make_batch(env, "基准不合格批", 10)
        make_batch(env, "基准下一批", 14)
        failing.action_open()
        trainees = users[-args.failures :]
        failing._oa_enrol(trainees, origin="manual")
        env["oa.training.exam"].create(
            [{"enrolment_id": e.id, "score": 30} for e in failing.enrolment_ids]
        )
        env.invalidate_all()
        close = Meter(env)
        cpu = time.process_time()
        with close:
            failing.action_close()
        cpu = time.process_time() - cpu
        moved = env["oa.training.enrolment"].search_count(
            [("origin", "=", "retrain"), ("user_id", "in", trainees.ids)]
        )
        out(
            f"close a batch with {args.failures} failures: {close.seconds:6.2f} s  "
            f"(Python CPU {cpu:.2f} s)  {close.queries} queries, {moved} re-enrolled "
            f"(target < 5 s)"
        )


if __name__ == "__main__":
    main()
