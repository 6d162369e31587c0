#!/usr/bin/env python3
"""Open and search a list of N documents (default 100,000).

    python3 bench/document_list.py -d oa [--count 100000]

Inserts N documents with one SQL statement (inside a transaction that is
rolled back), then times what the list view does: the first page
(``web_search_read``, 80 rows, with the count), and searches by number,
title and unit.  The baseline is the same first page on the table as the
demo left it, in the same run.  Target: under a second each.
"""

import time

from _odoo import odoo_env, out, parse_args

LIST_FIELDS = {
    "name": {},
    "number": {},
    "issuing_unit_id": {"fields": {"display_name": {}}},
    "kind": {},
    "urgency": {},
    "state": {},
    "drafter_id": {"fields": {"display_name": {}}},
    "create_date": {},
}


def timed(label, func):
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    found = f"{result['length']} found" if isinstance(result, dict) else ""
    out(f"{label:<40}{seconds:>9.4f}s  {found}")
    return seconds, result


def main():
    args = parse_args(__doc__, count=(100000, "documents in the list"))
    with odoo_env(args.db) as env:
        Doc = env["oa.document"]
        page = lambda domain: Doc.web_search_read(  # noqa: E731
            domain, LIST_FIELDS, limit=80, order="id desc", count_limit=10001
        )
        base, _ = timed("baseline: first page (demo data)", lambda: page([]))
        units = env["hr.department"].search([("is_oa_unit", "=", True)]).ids
        drafter = env.ref("oa_base.user_liufang_demo").id
        start = time.perf_counter()
        env.cr.execute(
            """
            INSERT INTO oa_document (name, number, number_year, number_seq, kind,
                   urgency, classification, issuing_unit_id, drafter_id, state,
                   body, create_uid, write_uid, create_date, write_date)
            SELECT '批量公文 ' || g, 'BENCH〔2026〕' || g || '号', 2026, g, 'formal',
                   'normal', 'internal', (%s::int[])[1 + g %% %s], %s, 'archived',
                   '<p>正文</p>', 1, 1, now(), now()
              FROM generate_series(1, %s) g
            """,
            [units, len(units), drafter, args.count],
        )
        env.cr.execute("ANALYZE oa_document")
        out(f"inserted {args.count} documents in {time.perf_counter() - start:.1f}s")
        env.invalidate_all()
        unit = env["hr.department"].browse(units[3])
        results = [
            timed(f"first page of {args.count}", lambda: page([])),
            timed(
                "search by number",
                lambda: page([("number", "=", f"BENCH〔2026〕{args.count // 2}号")]),
            ),
            timed(
                "search by number (ilike)",
                lambda: page([("number", "ilike", f"〔2026〕{args.count // 3}号")]),
            ),
            timed(
                "search by title (ilike)",
                lambda: page([("name", "ilike", f"公文 {args.count // 7}")]),
            ),
            timed(
                f"search by unit ({unit.name})",
                lambda: page([("issuing_unit_id", "=", unit.id)]),
            ),
            timed(
                "search by unit name (child_of)",
                lambda: page([("issuing_unit_id", "child_of", units[0])]),
            ),
        ]
        worst = max(seconds for seconds, _ in results)
        out(
            f"slowest: {worst:.3f}s (target < 1s); "
            f"ratio slowest/baseline page: {worst / max(base, 1e-6):.1f}x"
        )


if __name__ == "__main__":
    main()
