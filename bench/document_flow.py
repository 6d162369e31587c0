#!/usr/bin/env python3
"""Push N documents through the whole outgoing + incoming flow.

    python3 bench/document_flow.py -d oa [--count 2000] [--cold 1] [--commit 1]

Prints, per step, the time and SQL queries per document, and the same for a
baseline in the same run: plain ``create`` of the same records (documents
and their receipts) without any flow.  The ratio flow ÷ baseline is the
figure to watch, and the whole flow must stay within ``QUERY_BUDGET``
queries per document (in-app notifications, batched to-dos).  Everything is
rolled back (the tracking messages, written at commit, are not counted
unless asked).
The steps share the record cache of the one transaction; with ``--cold 1``
each starts with an empty one, as a request does; with ``--commit 1`` the
work each step's commit does is counted too (tracking message, its
notifications, audit rows).  The budget applies to the default figure.
"""

import contextlib
from collections import defaultdict

from _odoo import Meter, odoo_env, out, parse_args

# queries per document for the whole outgoing + incoming flow (issue 8: 673
# before in-app notifications and batched to-dos; the flow kernel's step rows
# for every flow: 253.3; the actor's to-do completed in the search handing
# the next ones out, to-dos inserted whole, the open steps read once: 208.3;
# proxy windows and role holders cached per process, a step's rows closed and
# opened in one statement, others' to-dos deleted in one statement, one
# message per receipt step: 127.4)
QUERY_BUDGET = 150

INCOMING_ACTIONS = [
    "receive",
    "propose",
    "instruct",
    "start",
    "finish",
    "archive_incoming",
]


def main():
    args = parse_args(
        __doc__,
        count=(2000, "documents to push through"),
        cold=(0, "1: each step starts with an empty record cache (a request)"),
        commit=(0, "1: each step's commit-time work is counted"),
    )
    with odoo_env(args.db) as env:
        ref = env.ref
        issuing = ref("oa_base.oa_unit_office_demo")
        receiver = ref("oa_base.oa_unit_hr_demo")
        drafter = ref("oa_base.user_liufang_demo")
        Doc = env["oa.document"].with_user(drafter)
        vals = [
            {
                "name": f"压力测试公文 {i}",
                "issuing_unit_id": issuing.id,
                "main_unit_ids": [(6, 0, receiver.ids)],
                "body": f"<p>第 {i} 份测试公文正文。</p>",
            }
            for i in range(args.count)
        ]

        baseline = Meter(env)
        with baseline:
            docs = Doc.create(vals)
            env["oa.document.incoming"].sudo().create(
                [{"document_id": d.id, "unit_id": receiver.id} for d in docs]
            )
        env.cr.execute(
            "DELETE FROM oa_document_incoming WHERE document_id IN %s",
            [tuple(docs.ids)],
        )
        env.cr.execute("DELETE FROM oa_document WHERE id IN %s", [tuple(docs.ids)])
        env.invalidate_all()

        meters = defaultdict(lambda: Meter(env))

        @contextlib.contextmanager
        def step(meter):
            """One step, as one request does it.  With ``--cold 1`` it starts
            with an empty record cache (the registry's caches stay warm, as
            in a running server); by default the steps share the cache of
            the benchmark's one transaction.  Its commit-time work (the
            tracking message of the state change, its notifications, the
            audit rows) is counted with ``--commit 1``; by default it is
            dropped uncounted, as the request's commit would do it apart."""
            if args.cold:
                env.flush_all()
                env.invalidate_all()
            with meter:
                yield
                if args.commit:
                    env.cr.precommit.run()
            env.cr.precommit.clear()

        with meters["create"]:
            docs = Doc.create(vals)
        for done, doc_id in enumerate(docs.ids, 1):
            if done % 250 == 0:
                out(f"... {done} documents through the flow")
            # one document at a time, as one request handles it: without the
            # whole batch as prefetch set (that would make every read O(n))
            doc = Doc.browse(doc_id)
            with step(meters["submit"]):
                doc.action_submit()
            while doc.state != "distributed":
                state = doc.state
                actor = doc.sudo().current_step_ids.user_ids.filtered(
                    lambda u, d=doc: d.with_user(u).can_act
                )[:1]
                with step(meters[state]):
                    doc.with_user(actor).action_approve("同意")
            inc = doc.incoming_ids
            clerk = inc._allowed_users("clerk")[:1]
            leader = receiver.oa_leader_id
            handler = receiver.oa_admin_ids[:1]
            steps = [
                ("receive", clerk, {}, ()),
                ("propose", clerk, {"leader_id": leader.id}, ("拟办",)),
                (
                    "instruct",
                    leader,
                    {"handler_ids": [(6, 0, handler.ids)]},
                    ("批办",),
                ),
                ("start", handler, {}, ()),
                ("finish", handler, {"feedback": "已办结"}, ()),
                ("archive_incoming", clerk, {}, ()),
            ]
            for action, user, values, opinion in steps:
                with step(meters[f"in:{action}"]):
                    record = inc.with_user(user)
                    if values:
                        record.write(values)
                    getattr(record, f"action_{action}")(*opinion)

        n = args.count
        out(
            f"documents: {n}  (outgoing {len(docs.step_ids) // n} steps each, "
            "then 6 incoming steps)"
        )
        out(f"{'step':<22}{'ms/doc':>10}{'queries/doc':>14}")
        total = Meter(env)
        for name, meter in meters.items():
            total.seconds += meter.seconds
            total.queries += meter.queries
            out(
                f"{name:<22}{meter.seconds * 1000 / n:>10.2f}{meter.queries / n:>14.1f}"
            )
        out(
            f"{'whole flow':<22}{total.seconds * 1000 / n:>10.2f}"
            f"{total.queries / n:>14.1f}"
        )
        out(
            f"{'baseline (create)':<22}{baseline.seconds * 1000 / n:>10.2f}"
            f"{baseline.queries / n:>14.1f}"
        )
        out(
            f"ratio flow/baseline: time {total.seconds / baseline.seconds:.1f}x, "
            f"queries {total.queries / max(baseline.queries, 1):.1f}x"
        )
        per_doc = total.queries / n
        if args.cold or args.commit:
            out(f"queries per document: {per_doc:.1f} (--cold/--commit: no budget)")
            return
        verdict = "within" if per_doc <= QUERY_BUDGET else "OVER"
        out(
            f"queries per document: {per_doc:.1f} "
            f"({verdict} the budget of {QUERY_BUDGET})"
        )


if __name__ == "__main__":
    main()
