#!/usr/bin/env python3
"""Distribute one document to N receiving units (default 1,000).

    python3 bench/distribution.py -d oa [--units 1000]

Prints time and queries of the distribution for 10 units and for N units
(the query count must not grow with N), against a baseline in the same run:
plain ``create`` of the same N receipts.  Everything is rolled back.
"""

from _odoo import Meter, odoo_env, out, parse_args


def main():
    args = parse_args(__doc__, units=(1000, "receiving units"))
    with odoo_env(args.db) as env:
        ref = env.ref
        units = (
            env["hr.department"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {"name": f"压测接收单位{i:04d}", "is_oa_unit": True}
                    for i in range(args.units)
                ]
            )
        )
        issuing = ref("oa_base.oa_unit_office_demo")
        drafter = ref("oa_base.user_liufang_demo")

        def ready(receivers):
            doc = (
                env["oa.document"]
                .with_user(drafter)
                .create(
                    {
                        "name": "分发压力测试",
                        "issuing_unit_id": issuing.id,
                        "main_unit_ids": [(6, 0, receivers.ids)],
                    }
                )
            )
            doc.action_submit()
            while doc.state != "distribute":
                actor = doc.sudo().current_step_ids.user_ids.filtered(
                    lambda u, d=doc: d.with_user(u).can_act
                )[:1]
                doc.with_user(actor).action_approve("同意")
            env.invalidate_all()
            return doc

        results = {}
        for count in (10, args.units):
            doc = ready(units[:count])
            meter = Meter(env)
            with meter:
                doc._distribute()
            results[count] = meter
        baseline = Meter(env)
        doc = ready(units)
        with baseline:
            env["oa.document.incoming"].sudo().create(
                [{"document_id": doc.id, "unit_id": u.id} for u in units]
            )
        out(f"{'receivers':>10}{'seconds':>10}{'queries':>10}")
        for count, meter in results.items():
            out(f"{count:>10}{meter.seconds:>10.3f}{meter.queries:>10}")
        out(
            f"{'baseline':>10}{baseline.seconds:>10.3f}{baseline.queries:>10}"
            f"  (plain create of {args.units} receipts)"
        )
        big = results[args.units]
        out(
            f"ratio distribution/baseline at {args.units}: "
            f"time {big.seconds / baseline.seconds:.2f}x"
        )
        out(f"queries at 10 vs {args.units}: {results[10].queries} vs {big.queries}")


if __name__ == "__main__":
    main()
