#!/usr/bin/env python3
"""The finance sheet of a month with many fines and commendations.

    python3 bench/assessment_export.py -d oa [--rows 10000] [--per-unit 5]

Inserts ``rows`` approved assessment lines (``per-unit`` per unit, in
``rows / per-unit`` new units) for a far month with SQL, in a transaction
that is rolled back, then times the finance export as finance runs it
(``ir.actions.report._render_xlsx`` of the export wizard: one query, the
sheet written with xlsxwriter) against the bare query of its rows, and opens
the file with openpyxl to check every line and the sums (target < 3 s for
10,000 rows).
"""

import io
import sys
import time
from datetime import date

from _odoo import Meter, odoo_env, out, parse_args

MONTH = date(2099, 1, 1)
REPORT = "oa_assessment.report_assessment_finance_xlsx"


def insert_month(env, rows, per_unit):
    cr = env.cr
    units = max(1, rows // per_unit)
    company = env.company.id
    cr.execute(
        """
        INSERT INTO hr_department (name, is_oa_unit, company_id, active,
               create_uid, write_uid, create_date, write_date)
        SELECT jsonb_build_object('en_US', '基准单位' || lpad(g::text, 5, '0')),
               true, %s, true, 1, 1, now(), now()
          FROM generate_series(1, %s) g
        RETURNING id
        """,
        [company, units],
    )
    unit_ids = [row[0] for row in cr.fetchall()]
    rule = env.ref("oa_assessment.rule_team")
    reward = env.ref("oa_assessment.rule_commendation")
    cr.execute(
        """
        INSERT INTO oa_assessment (name, unit_id, month, month_label, state,
               result, number, finding_count, fine_total, reward_total,
               create_uid, write_uid, create_date, write_date)
        SELECT '2099-01', u.id, %s, '2099-01', 'approved', 'fail',
               '考核〔2099〕' || u.n || '号', 1, 0, 0, 1, 1, now(), now()
          FROM unnest(%s::int[]) WITH ORDINALITY AS u(id, n)
        RETURNING id
        """,
        [MONTH, unit_ids],
    )
    assessment_ids = [row[0] for row in cr.fetchall()]
    admin = env.ref("base.user_admin").id
    # amounts 100..300 for fines, 200 for every fifth line (commendations)
    cr.execute(
        """
        INSERT INTO oa_assessment_line (assessment_id, unit_id, month, state,
               rule_id, rule_sequence, kind, severity, key, finding_key,
               evidence, role, user_id, amount_proposed, amount, adjusted,
               create_uid, write_uid, create_date, write_date)
        SELECT a.id, a.unit_id, a.month, 'approved',
               CASE WHEN g %% 5 = 0 THEN %(reward)s ELSE %(rule)s END, 10,
               CASE WHEN g %% 5 = 0 THEN 'reward' ELSE 'fine' END, 'major',
               'k' || g, 'f' || g, '基准证据:项目组成员不完整。第' || g || '项',
               CASE WHEN g %% 2 = 0 THEN 'leader' ELSE 'admin' END, %(admin)s,
               CASE WHEN g %% 5 = 0 THEN 200 ELSE 100 + (g %% 3) * 100 END,
               CASE WHEN g %% 5 = 0 THEN 200 ELSE 100 + (g %% 3) * 100 END,
               false, 1, 1, now(), now()
          FROM unnest(%(assessments)s::int[]) WITH ORDINALITY AS a0(id, n)
          JOIN oa_assessment a ON a.id = a0.id
          CROSS JOIN generate_series(1, %(per_unit)s) g
        """,
        {
            "reward": reward.id,
            "rule": rule.id,
            "admin": admin,
            "assessments": assessment_ids,
            "per_unit": per_unit,
        },
    )
    cr.execute(
        """
        SELECT count(*),
               sum(amount) FILTER (WHERE kind = 'fine'),
               sum(amount) FILTER (WHERE kind = 'reward')
          FROM oa_assessment_line WHERE month = %s AND state = 'approved'
        """,
        [MONTH],
    )
    return cr.fetchone()


def bare_sheet(rows):
    """Seconds to write the same cells with xlsxwriter and nothing else: the
    floor of any export of these rows on this machine, now."""
    import xlsxwriter

    start = time.perf_counter()
    book = xlsxwriter.Workbook(io.BytesIO())
    sheet = book.add_worksheet()
    for index, row in enumerate(rows):
        for col, value in enumerate(row[:7]):
            if isinstance(value, float | int):
                sheet.write_number(index, col, value)
            else:
                sheet.write_string(index, col, str(value or ""))
    book.close()
    return time.perf_counter() - start


def main():
    args = parse_args(
        __doc__.splitlines()[1],
        rows=(10000, "approved lines to export"),
        **{"per-unit": (5, "lines per unit")},
    )
    import openpyxl

    with odoo_env(args.db) as env:
        count, fines, rewards = insert_month(env, args.rows, args.per_unit)
        out(f"{count} approved lines in {count // args.per_unit} units for {MONTH}")
        reader = env.ref("base.user_admin")  # project group
        Report = env["ir.actions.report"].with_user(reader)
        wizard = (
            env["oa.assessment.export.wizard"]
            .with_user(reader)
            .create({"month": MONTH})
        )
        xlsx_model = env["report.oa_assessment.report_assessment_finance_xlsx"]
        with Meter(env) as query:
            rows = xlsx_model.with_user(reader)._oa_rows(MONTH)
        assert len(rows) == count, (len(rows), count)
        floor = bare_sheet(rows) + query.seconds
        with Meter(env) as meter:
            content, _kind = Report._render_xlsx(REPORT, wizard.ids, {})
        out(
            f"baseline (the query + the same cells with bare xlsxwriter): "
            f"{floor:.3f} s; the whole export: {meter.seconds:.3f} s, "
            f"{meter.queries} queries, {len(content) / 1024:.0f} KiB "
            f"(ratio {meter.seconds / max(floor, 1e-6):.2f}×)"
        )
        start = time.perf_counter()
        sheet = openpyxl.load_workbook(io.BytesIO(content), data_only=True).active
        lines = sub = 0
        found = {"罚款": 0.0, "嘉奖": 0.0}
        totals = {}
        for row in sheet.iter_rows(min_row=3, values_only=True):
            name, kind, amount = row[0], row[3], row[4]
            if kind in found:
                lines += 1
                found[kind] += amount
                sub += amount
            elif name.endswith("小计"):
                assert abs(amount - sub) < 0.005, (name, amount, sub)
                sub = 0
            elif name.endswith("合计"):
                totals[name] = amount
        out(f"read back with openpyxl in {time.perf_counter() - start:.2f} s")
        ok = (
            lines == count
            and abs(found["罚款"] - float(fines)) < 0.005
            and abs(found["嘉奖"] - float(rewards)) < 0.005
            and abs(totals["罚款合计"] - float(fines)) < 0.005
            and abs(totals["嘉奖合计"] - float(rewards)) < 0.005
        )
        out(
            f"lines {lines}/{count}, fines {found['罚款']:.2f} (expected {fines}), "
            f"commendations {found['嘉奖']:.2f} (expected {rewards}), "
            f"totals {totals}: {'OK' if ok else 'WRONG'}"
        )
        out(
            f"export of {count} rows: {meter.seconds:.2f} s "
            f"({'within' if meter.seconds < 3 else 'OVER'} the 3 s target)"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
