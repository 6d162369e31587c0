#!/usr/bin/env python3
"""Columns, knowledge search, read receipts and the workbench at scale.

    python3 bench/columns.py -d oa [--count 50000] [--users 5000]
        [--ctype-db NAME]

1. The workbench of the demo user with the most OA to-dos, on the demo
   data: one ``oa.workbench.get_data`` call (the single RPC of the home
   screen), queries (target ≤ 15) and time (target < 150 ms), against the
   one list a plain home would show (his to-dos, ``web_search_read``).
2. A knowledge column of ``count`` published articles (one SQL insert, a
   tenth of them with a text attachment): the first page as the list asks
   it (``web_search_read``, 80 rows, the model's order, the count) and
   Chinese searches through the knowledge search (``search_text``: title,
   body, attachment text), as a demo user, each against a hand-written SQL
   query returning the same rows (target < 1 s).  Then the trigram
   indexes: the database's ctype, ``show_trgm('通知公告')`` and EXPLAIN
   ANALYZE of a Chinese ILIKE with and without the index.  ``--ctype-db``
   runs the same probe (a temporary table) on another, empty database, e.g.
   one created with ``--lc-ctype=C``.
3. "Who has not read" a notice sent to the whole group, with ``users`` OA
   users in 50 units of which 60 % have read: ``_oa_read_status_rows``
   (one grouped query) and ``_oa_unread_user_ids``, queries and time
   (target < 200 ms) against hand-written SQL.

Everything is inserted in the transaction of the benchmark and rolled back.
"""

import argparse
import re
import statistics
import time

from _odoo import Meter, odoo_env, out
from training import insert_people

LIST_FIELDS = {
    "is_pinned": {},
    "name": {},
    "column_id": {"fields": {"display_name": {}}},
    "unit_id": {"fields": {"display_name": {}}},
    "publish_date": {},
    "requires_read": {},
    "requires_ack": {},
    "state": {},
}
WORDS = (
    "通知 制度 管理 办法 安全 生产 财务 报销 会议 培训 合同 审批 人事 考勤 党建 "
    "学习 质量 环保 采购 招标 信息 档案 保密 车辆 后勤 工会 纪检 宣传 规划 统计"
).split()
# a rare phrase: one article in RARE_EVERY has it in its body, one
# attachment in RARE_EVERY in its text
RARE = "安全生产责任制"
RARE_EVERY = 1000
RUNS = 5


def parse():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--count", type=int, default=50000, help="articles")
    parser.add_argument("--users", type=int, default=5000, help="notice audience")
    parser.add_argument("--ctype-db", help="also probe trigrams on this database")
    return parser.parse_args()


def measure(env, func, runs=RUNS):
    """Median seconds and queries of ``func`` with a cold record cache (as a
    new request has), after one warm-up run."""
    func()
    times, queries = [], []
    for _ in range(runs):
        env.invalidate_all()
        meter = Meter(env)
        with meter:
            result = func()
        times.append(meter.seconds)
        queries.append(meter.queries)
    return statistics.median(times), max(queries), result


def line(label, seconds, queries=None, base=None, target=""):
    text = f"{label:<46}{seconds * 1000:9.1f} ms"
    if queries is not None:
        text += f"  {queries:3d} queries"
    if base:
        text += f"  ratio {seconds / base:5.2f}x"
    out(f"{text}  {target}".rstrip())


# ---- 1. workbench ----


def bench_workbench(env, label="workbench get_data (demo data)"):
    env.cr.execute(
        """
        SELECT a.user_id, count(*) FROM mail_activity a
          JOIN res_users u ON u.id = a.user_id
         WHERE a.res_model LIKE 'oa.%' AND u.active AND NOT u.share
         GROUP BY a.user_id ORDER BY 2 DESC, 1 LIMIT 1
        """
    )
    row = env.cr.fetchone()
    user = (
        env["res.users"].browse(row[0]) if row else env.ref("oa_base.user_liufang_demo")
    )
    Workbench = env["oa.workbench"].with_user(user)
    Activity = env["mail.activity"].with_user(user)
    base, base_q, _ = measure(
        env,
        lambda: Activity.web_search_read(
            [("user_id", "=", user.id)],
            {"res_name": {}, "summary": {}, "date_deadline": {}},
            limit=8,
            order="date_deadline, id",
        ),
    )
    seconds, queries, data = measure(env, Workbench.get_data)
    out(
        f"user {user.login} ({user.name}): {data['todo']['count']} to-dos, "
        f"{data['to_read']['count']} to read, {len(data['notices'])} notices, "
        f"{len(data['news'])} news"
    )
    line("baseline: his to-dos (web_search_read, 8)", base, base_q)
    line(label, seconds, queries, base, "(target <= 15 queries, < 150 ms)")


# ---- 2. a column of N articles and the knowledge search ----


def insert_articles(env, column, author, count):
    start = time.perf_counter()
    env.cr.execute(
        """
        INSERT INTO oa_article (name, body, column_id, unit_id, kind, author_id,
               state, publish_date, audience, is_pinned, requires_read,
               requires_ack, create_uid, write_uid, create_date, write_date)
        SELECT (%(words)s::text[])[1 + g %% 30] || (%(words)s::text[])[1 + g / 30 %% 30]
                   || '第' || g || '号',
               '<p>' || repeat('为加强' || (%(words)s::text[])[1 + g %% 29] || '工作,'
                   || '根据上级' || (%(words)s::text[])[1 + g %% 23] || '要求,'
                   || '结合本单位实际,制定本办法。', 8)
                   || CASE WHEN g %% %(every)s = 0 THEN '落实' || %(rare)s ELSE '' END
                   || '</p>',
               %(column)s, %(unit)s, 'knowledge', %(author)s, 'published',
               now() - g * interval '1 minute', 'group', g %% 5000 = 0, false,
               false, %(author)s, %(author)s, now(), now()
          FROM generate_series(1, %(count)s) g
        RETURNING id
        """,
        {
            "words": WORDS,
            "every": RARE_EVERY,
            "rare": RARE,
            "column": column.id,
            "unit": column.unit_id.id,
            "author": author.id,
            "count": count,
        },
    )
    ids = [row[0] for row in env.cr.fetchall()]
    # a text attachment for one article in ten: its text was indexed
    env.cr.execute(
        """
        INSERT INTO ir_attachment (name, type, res_model, res_id, mimetype,
               index_content, company_id, create_uid, write_uid, create_date,
               write_date)
        SELECT '附件' || n || '.txt', 'binary', 'oa.article', id, 'text/plain',
               repeat('附件正文,' || (%(words)s::text[])[1 + n %% 30] || '细则。', 20)
                   || CASE WHEN n %% %(every)s = 7 THEN '附件' || %(rare)s ELSE '' END,
               %(company)s, 1, 1, now(), now()
          FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS a(id, n)
         WHERE n %% 10 = 0
        """,
        {
            "words": WORDS,
            "every": RARE_EVERY,
            "rare": RARE,
            "ids": ids,
            "company": env.company.id,
        },
    )
    attachments = env.cr.rowcount
    env.cr.execute("ANALYZE oa_article")
    env.cr.execute("ANALYZE ir_attachment")
    # what autovacuum does: the new rows out of the GIN pending lists
    env.cr.execute(
        "SELECT gin_clean_pending_list(indexrelid::regclass) FROM pg_index "
        "WHERE indexrelid::regclass::text LIKE 'oa_%_trgm_idx'"
    )
    env.invalidate_all()
    out(
        f"inserted {count} articles and {attachments} attachments in "
        f"{time.perf_counter() - start:.1f}s"
    )


def sql_page(env, column, pattern=None):
    """The same page by hand: the column's published articles (their
    audience is the whole group), newest first, 80, and the count."""
    search = ""
    if pattern:
        search = """AND (a.name ILIKE %(p)s OR a.body ILIKE %(p)s OR EXISTS (
                        SELECT 1 FROM ir_attachment t
                         WHERE t.res_model = 'oa.article' AND t.res_id = a.id
                           AND t.index_content ILIKE %(p)s))"""
    params = {"column": column.id, "p": f"%{pattern}%"}
    env.cr.execute(
        f"""
        SELECT a.id, a.name, a.publish_date, a.is_pinned, a.state
          FROM oa_article a
         WHERE a.column_id = %(column)s AND a.state = 'published' {search}
         ORDER BY a.is_pinned DESC, a.publish_date DESC, a.id DESC
         LIMIT 80
        """,  # noqa: S608 (constant fragments)
        params,
    )
    rows = env.cr.fetchall()
    env.cr.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM oa_article a WHERE a.column_id = "
        f"%(column)s AND a.state = 'published' {search} LIMIT 10001) c",  # noqa: S608
        params,
    )
    return [row[0] for row in rows], env.cr.fetchone()[0]


def bench_column(env, count):
    unit = env.ref("oa_base.oa_unit_office_demo")
    column = env["oa.column"].search(
        [
            ("unit_id", "=", unit.id),
            ("kind", "=", "knowledge"),
            ("parent_id", "=", False),
        ]
    )
    insert_articles(env, column, env.ref("oa_base.user_wangjianguo_demo"), count)
    reader = env.ref("oa_base.user_liufang_demo")
    Article = env["oa.article"].with_user(reader)
    domain = [
        ("kind", "=", "knowledge"),
        ("state", "=", "published"),
        ("column_id", "=", column.id),
    ]

    def page(extra=()):
        return Article.web_search_read(
            domain + list(extra), LIST_FIELDS, limit=80, count_limit=10001
        )

    cases = [
        ("first page", None),
        (f"search {RARE} (rare)", RARE),
        ("search 报销 (in 1/15 titles)", "报销"),
        ("search 细则 (in 1/10 attachments)", "细则"),
        ("search 不存在的词 (nowhere)", "不存在的词"),
    ]
    env.cr.execute("SHOW jit")
    jit = env.cr.fetchone()[0]
    # PostgreSQL compiles the plans of costly queries (jit, on by default):
    # measured as the server is set, then without (readme/CONFIGURE.md)
    for setting in (jit, "off") if jit == "on" else (jit,):
        env.cr.execute(f"SET LOCAL jit = {setting}")
        out(f"-- jit = {setting}")
        worst = 0.0
        for label, text in cases:
            base, _, (ids, total) = measure(
                env, lambda t=text: sql_page(env, column, t)
            )
            extra = [("search_text", "ilike", text)] if text else []
            seconds, queries, result = measure(env, lambda e=extra: page(e))
            found = [record["id"] for record in result["records"]]
            assert found == ids and result["length"] == total, label
            line(f"hand-written SQL: {label}", base)
            line(f"web_search_read: {label} ({total})", seconds, queries, base)
            worst = max(worst, seconds)
        out(f"slowest list call: {worst * 1000:.0f} ms (target < 1 s)")
    env.cr.execute(f"SET LOCAL jit = {jit}")
    trigram_report(env.cr, count)


# ---- trigram indexes and the database's ctype ----


def explain_ms(cr, query, params):
    cr.execute(f"EXPLAIN (ANALYZE, FORMAT TEXT) {query}", params)
    plan = "\n".join(row[0] for row in cr.fetchall())
    ms = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    return ms, plan


def probe_ilike(cr, table, column, text, label):
    query = f"SELECT count(*) FROM {table} WHERE {column} ILIKE %s"  # noqa: S608
    params = [f"%{text}%"]
    with_index, plan = explain_ms(cr, query, params)
    used = "trgm" in plan
    cr.execute("SET LOCAL enable_bitmapscan = off")
    cr.execute("SET LOCAL enable_indexscan = off")
    without, _ = explain_ms(cr, query, params)
    cr.execute("SET LOCAL enable_bitmapscan = on")
    cr.execute("SET LOCAL enable_indexscan = on")
    out(
        f"  {label:<42} index {'used' if used else 'NOT used'}: {with_index:8.1f} ms"
        f"   seq scan: {without:8.1f} ms"
    )


def trigram_report(cr, count):
    cr.execute("SHOW lc_ctype")
    ctype = cr.fetchone()[0]
    cr.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'")
    row = cr.fetchone()
    if not row:
        out(f"lc_ctype {ctype}: pg_trgm not installed, no trigram index")
        return
    cr.execute("SELECT show_trgm('通知公告')")
    out(f"lc_ctype {ctype}; show_trgm('通知公告') = {cr.fetchone()[0]}")
    for text in (RARE, "报销", "细则"):
        probe_ilike(cr, "oa_article", "body", text, f"oa_article.body ILIKE %{text}%")
    cr.execute("SELECT count(*) FROM oa_article")
    out(f"  ({cr.fetchone()[0]} rows in oa_article)")


def probe_database(dbname, count):
    """The same bodies in a temporary table of another database."""
    import psycopg2

    from odoo.tools import config

    cnx = psycopg2.connect(
        dbname=dbname,
        host=config["db_host"],
        port=config["db_port"],
        user=config["db_user"],
    )
    try:
        cr = cnx.cursor()
        cr.execute("SHOW lc_ctype")
        ctype = cr.fetchone()[0]
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("SELECT show_trgm('通知公告')")
        out(
            f"database {dbname}: lc_ctype {ctype}; show_trgm('通知公告') = "
            f"{cr.fetchone()[0]}"
        )
        cr.execute("CREATE TEMP TABLE probe (body text)")
        cr.execute(
            """
            INSERT INTO probe
            SELECT '<p>' || repeat('为加强' || (%(words)s::text[])[1 + g %% 29]
                       || '工作,' || '根据上级'
                       || (%(words)s::text[])[1 + g %% 23] || '要求,'
                       || '结合本单位实际,制定本办法。', 8)
                   || CASE WHEN g %% %(every)s = 0 THEN '落实' || %(rare)s ELSE '' END
                   || '</p>'
              FROM generate_series(1, %(count)s) g
            """,
            {"words": WORDS, "every": RARE_EVERY, "rare": RARE, "count": count},
        )
        cr.execute("CREATE INDEX probe_trgm ON probe USING gin (body gin_trgm_ops)")
        cr.execute("ANALYZE probe")
        for text in (RARE, "报销"):
            probe_ilike(cr, "probe", "body", text, f"probe.body ILIKE %{text}%")
    finally:
        cnx.rollback()
        cnx.close()


# ---- 3. who has not read ----


def bench_unread(env, users_count):
    units, users = insert_people(env, 50, users_count)
    group = env.ref("oa_base.group_oa_user")
    env.cr.execute(
        "INSERT INTO res_groups_users_rel (gid, uid) SELECT %s, unnest(%s::int[])",
        [group.id, users.ids],
    )
    publisher = env.ref("oa_base.user_wangjianguo_demo")
    notice = env["oa.article"].create(
        {
            "name": "关于开展安全生产大检查的通知",
            "body": "<p>各单位:请认真阅读并落实。</p>",
            "column_id": env["oa.column"]
            .search(
                [
                    ("unit_id", "=", publisher.oa_unit_id.id),
                    ("kind", "=", "notice"),
                    ("parent_id", "=", False),
                ]
            )
            .id,
            "audience": "group",
            "requires_read": True,
            "requires_ack": True,
        }
    )
    notice.action_publish()
    env.cr.execute(
        """
        INSERT INTO oa_article_read (article_id, user_id, unit_id, first_view,
               last_view, view_count, ack_date, create_uid, write_uid,
               create_date, write_date)
        SELECT %s, u.id, u.oa_unit_id, now(), now(), 1,
               CASE WHEN u.id %% 2 = 0 THEN now() END, u.id, u.id, now(), now()
          FROM res_users u WHERE u.id = ANY(%s) AND u.id %% 5 < 3
        """,
        [notice.id, users.ids],
    )
    env.cr.execute("ANALYZE res_users")
    env.cr.execute("ANALYZE oa_article_read")
    env.cr.execute("ANALYZE res_groups_users_rel")
    env.invalidate_all()
    out(f"notice to the group: {len(users)} users in {len(units)} units added")

    def sql_rows():
        env.cr.execute(
            """
            SELECT u.oa_unit_id, count(*), count(r.id), count(r.ack_date)
              FROM res_users u
              JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(group)s
         LEFT JOIN oa_article_read r ON r.user_id = u.id AND r.article_id = %(article)s
             WHERE u.active AND NOT u.share
             GROUP BY u.oa_unit_id
            """,
            {"group": group.id, "article": notice.id},
        )
        return env.cr.fetchall()

    def sql_unread():
        env.cr.execute(
            """
            SELECT u.id FROM res_users u
              JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(group)s
             WHERE u.active AND NOT u.share
               AND NOT EXISTS (SELECT 1 FROM oa_article_read r
                                WHERE r.article_id = %(article)s AND r.user_id = u.id)
            """,
            {"group": group.id, "article": notice.id},
        )
        return [row[0] for row in env.cr.fetchall()]

    mine = notice  # the methods read with sudo(): as the publisher would
    base, _, rows = measure(env, sql_rows)
    seconds, queries, status = measure(env, mine._oa_read_status_rows)
    assert sorted((r["unit_id"] or 0, r["audience"], r["read"]) for r in status) == (
        sorted((unit or 0, audience, read) for unit, audience, read, _ack in rows)
    ), "read status differs"
    audience = sum(r["audience"] for r in status)
    read = sum(r["read"] for r in status)
    out(f"audience {audience}, read {read}, in {len(status)} units")
    line("hand-written SQL: read per unit", base)
    line(
        "_oa_read_status_rows (one grouped query)",
        seconds,
        queries,
        base,
        "(target < 200 ms)",
    )
    base, _, unread = measure(env, sql_unread)
    seconds, queries, ids = measure(env, mine._oa_unread_user_ids)
    assert sorted(ids) == sorted(unread), "unread users differ"
    line(f"hand-written SQL: who has not read ({len(unread)})", base)
    line("_oa_unread_user_ids", seconds, queries, base, "(target < 200 ms)")
    seconds, queries, _ = measure(env, lambda: mine.get_read_status())
    line("get_read_status (the publisher's RPC)", seconds, queries)


def main():
    args = parse()
    with odoo_env(args.db) as env:
        out("== 1. workbench, one RPC")
        bench_workbench(env)
        out(f"== 2. a knowledge column of {args.count} articles")
        bench_column(env, args.count)
        if args.ctype_db:
            probe_database(args.ctype_db, args.count)
        out(f"== 3. who has not read, {args.users} users")
        bench_unread(env, args.users)
        out("== the workbench again, with all of the above in the database")
        bench_workbench(env, "workbench get_data (50,000 articles more)")


if __name__ == "__main__":
    main()
