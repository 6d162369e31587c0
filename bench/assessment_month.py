#!/usr/bin/env python3
"""The whole monthly assessment of 100 units (target < 10 s).

    python3 bench/assessment_month.py -d oa [--units 100] [--users 5000]
        [--visits 200000]

Builds what ``assessment_usage.py`` builds (``units`` OA units, ``users``
users spread over them, about ``visits`` visits over the working days of a
past month, in a transaction that is rolled back), then times
``oa.assessment._oa_assess_month`` over those units with every active rule:
the first run (creates the assessments and their findings) and a re-run
(rewrites the drafts).  Prints the seconds against the target, the queries,
and, as the baseline measured in the same run, usage metrics A and B alone
(``oa.usage.snapshot._oa_compute_month``, one of the rules' inputs).
"""

import time
from datetime import date

from _odoo import Meter, odoo_env, out, parse_args
from assessment_usage import insert_visits
from training import insert_people

# a past month: every deadline in it is over, every rule has something to read
MONTH = date(2026, 3, 1)
LAST = date(2026, 3, 31)
TARGET = 10.0


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
        days = calendar._oa_working_days(MONTH, LAST)
        units, users = insert_people(env, args.units, args.users)
        count = insert_visits(env, users, days, args.visits)
        rules = env["oa.assessment.rule"].search([])
        out(
            f"set-up: {len(units)} units, {len(users)} users, {len(days)} working "
            f"days, {count} visits, {len(rules)} active rules "
            f"({time.perf_counter() - start:.1f}s)"
        )
        usage = Meter(env)
        with usage:
            Snapshot._oa_compute_month(MONTH, units=units, date_to=LAST)
        Assessment = env["oa.assessment"]
        first = Meter(env)
        with first:
            assessments = Assessment._oa_assess_month(MONTH, units)
        again = Meter(env)
        with again:
            Assessment._oa_assess_month(MONTH, units)
        assert assessments.unit_id == units, "a unit was not assessed"
        lines = sum(len(a.line_ids) for a in assessments)
        failed = len(assessments.filtered(lambda a: a.result == "fail"))
        out(
            f"A and B alone (_oa_compute_month):    {usage.seconds:6.2f} s"
            f"  {usage.queries} queries"
        )
        for label, meter in (("first run", first), ("re-run", again)):
            out(
                f"monthly assessment, {label:9}:       {meter.seconds:6.2f} s"
                f"  {meter.queries} queries  {meter.seconds * 1000 / len(units):.1f}"
                f" ms per unit  ratio to A and B {meter.seconds / usage.seconds:.1f}x"
                f"  (target < {TARGET:.0f} s: "
                f"{'met' if meter.seconds < TARGET else 'MISSED'})"
            )
        out(f"findings: {lines} lines, {failed} of {len(units)} units failing")


if __name__ == "__main__":
    main()
