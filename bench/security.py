#!/usr/bin/env python3
"""What oa_security's controls cost: the lockout check per login and the
audit trail per audited action and per transaction.

    python3 bench/security.py -d oa [--runs 10]

Everything runs in one transaction that is rolled back (the registry is put
in test mode, so the cursors the lockout and the trail open "of their own"
are savepoints of that transaction: nothing is committed, not even the
append-only trail's rows).  In production those cursors are connections of
the pool of their own: add a connection checkout and a COMMIT per login.

1. Logins (``res.users.authenticate``, as the login form calls it) of a user
   created for the run: a success, a failed password (the count reset
   before each one, so none locks) and a refusal while locked; and
   ``res.users.check`` (every ``object.execute_kw`` call).  Baseline
   measured in the same run: the same calls with oa_security's overrides of
   ``_login``, ``check`` and ``_assert_can_auth`` replaced by their parent
   implementation.  Median of ``runs`` calls each, alternated.  The password
   hash (PBKDF2, the larger part of a login) is in both.
2. The audit trail: a group granted by the security administrator and the
   log of a print (``_oa_log_print``, which the PDF/text rendering calls),
   with the commit's INSERT (``cr.flush()`` runs the pre-commit hooks);
   baseline: the same with ``oa.audit.log._oa_log`` a no-op.  Then the
   commit itself: 1 and 20 queued rows written by one INSERT.
3. A flow transition dispatched as the web client's button dispatches it
   (``odoo.api.call_kw``, which oa_security's hook audits): a document's
   review approved by its reviewer, the commit's INSERT included; baseline:
   the same approval of a twin document through Odoo's own ``call_kw``
   (``hooks.original_call_kw()``), alternated.  And a read (not audited)
   through both.
"""

import contextlib
import statistics
import time
from unittest.mock import patch

from _odoo import Meter, odoo_env, out, parse_args

PASSWORD = "Bench#Sec-2026"


def row(label, seconds, queries, base=None):
    line = f"{label:<58} {seconds * 1000:8.2f} ms {queries:5.1f} queries"
    if base:
        line += (
            f"   +{(seconds - base[0]) * 1000:6.2f} ms "
            f"{queries - base[1]:+5.1f} queries"
        )
    out(line)


def median(env, runs, fn, setup=None):
    """Median time and queries of ``fn()`` over ``runs`` calls."""
    times, queries = [], []
    for _i in range(runs):
        if setup:
            setup()
        with Meter(env) as meter:
            fn()
        times.append(meter.seconds)
        queries.append(meter.queries)
    return statistics.median(times), statistics.median(queries)


@contextlib.contextmanager
def parent_authentication():
    """oa_security's authentication overrides replaced by their parent."""
    from odoo.addons.oa_security.models.res_users import ResUsers as Oa

    def _login(cls, db, credential, user_agent_env):
        return super(Oa, cls)._login(db, credential, user_agent_env)

    def check(cls, db, uid, passwd):
        return super(Oa, cls).check(db, uid, passwd)

    def _assert_can_auth(self, user=None):
        return super(Oa, self)._assert_can_auth(user=user)

    with (
        patch.object(Oa, "_login", classmethod(_login)),
        patch.object(Oa, "check", classmethod(check)),
        patch.object(Oa, "_assert_can_auth", _assert_can_auth),
    ):
        yield


@contextlib.contextmanager
def no_audit():
    from odoo.addons.oa_security.models.oa_audit_log import OaAuditLog

    with patch.object(OaAuditLog, "_oa_log", lambda self, *a, **kw: None):
        yield


def bench_logins(env, runs):
    from odoo.exceptions import AccessDenied

    registry, db = env.registry, env.cr.dbname
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "bench_login",
                "login": "bench_login",
                "groups_id": [(6, 0, env.ref("oa_base.group_oa_user").ids)],
            }
        )
    )
    user.password = PASSWORD
    user.oa_password_change_required = False  # set by the password above
    env.flush_all()
    Lockout = env["oa.login.lockout"]
    good = {"type": "password", "login": user.login, "password": PASSWORD}
    bad = dict(good, password="wrong")
    interactive = {"interactive": True}

    def success():
        registry["res.users"].authenticate(db, good, interactive)

    def failure():
        with contextlib.suppress(AccessDenied):
            registry["res.users"].authenticate(db, bad, interactive)

    def reset():
        Lockout._oa_reset(env.cr, user.login)

    def check():
        registry["res.users"].check(db, user.id, PASSWORD)

    out(f"== 1. the lockout check per login (median of {runs})")
    results = {}
    for name, fn, setup in (
        ("successful login", success, None),
        ("failed login (not locking)", failure, reset),
        ("object.execute_kw credential check", check, None),
    ):
        # warm both paths, then alternate call by call (the password hash
        # varies by tens of ms from one call to the next)
        fn()
        with parent_authentication():
            fn()
        with_, without = [], []
        for _i in range(runs):
            with_.append(median(env, 1, fn, setup))
            with parent_authentication():
                without.append(median(env, 1, fn, setup))
        with_, without = (
            tuple(statistics.median(v) for v in zip(*pairs, strict=True))
            for pairs in (with_, without)
        )
        results[name] = (with_, without)
        row(f"{name}, Odoo's own", *without)
        row(f"{name}, with oa_security", *with_, base=without)
    # the pieces alone
    Users = registry["res.users"]
    row(
        "  the lock check before the password (_oa_locked_until)",
        *median(env, runs, lambda: Lockout._oa_locked_until(user.login)),
    )
    row(
        "  after a success: reset + login row (_oa_after_auth)",
        *median(
            env,
            runs,
            lambda: Users._oa_after_auth(
                user.id, auth_info={"auth_method": "password"}
            ),
        ),
    )
    row(
        "  after a failure: UPSERT + failure row (_oa_after_auth)",
        *median(
            env,
            runs,
            lambda: Users._oa_after_auth(user.login, error=AccessDenied()),
            reset,
        ),
    )
    # a refusal while locked: no password hash at all
    for _i in range(
        int(env["ir.config_parameter"].get_param("oa_security.lockout_max_failures", 5))
    ):
        failure()
    assert Lockout._oa_locked_until(user.login)
    row("refused while locked (no hash computed)", *median(env, runs, failure))
    return results


def bench_audit(env, runs):
    from odoo import Command

    out(f"== 2. the audit trail per action, commit included (median of {runs})")
    secadmin = env.ref("oa_security.user_qianlijuan_demo")
    target = env["res.users"].search(
        [
            ("groups_id", "=", env.ref("oa_base.group_oa_user").id),
            ("share", "=", False),
            ("id", "!=", secadmin.id),
        ],
        limit=1,
    )
    target = target.filtered(lambda u: not u._oa_duties())
    group = env["res.groups"].create({"name": "bench_security"})  # no implications
    as_secadmin = target.with_user(secadmin)

    def grant():
        as_secadmin.write({"groups_id": [Command.link(group.id)]})
        env.cr.flush()  # the commit's pre-commit hooks (the trail's INSERT)

    def revoke():
        target.sudo().write({"groups_id": [Command.unlink(group.id)]})
        env.cr.flush()

    grant()
    revoke()
    with no_audit():
        without = median(env, runs, grant, setup=revoke)
    with_ = median(env, runs, grant, setup=revoke)
    row("group granted by the security administrator, no trail", *without)
    row("group granted by the security administrator, audited", *with_, base=without)

    Report = env["ir.actions.report"]
    report = Report.search([("model", "=like", "oa.%")], limit=1)
    record = env[report.model].search([], limit=1) if report else None
    if record:
        reporter = env.ref("base.user_admin")
        Reports = Report.with_user(reporter)

        def print_log():
            Reports._oa_log_print(report.report_name, record.ids)
            env.cr.flush()

        with no_audit():
            without = median(env, runs, print_log)
        with_ = median(env, runs, print_log)
        row(f"print of {report.model} (log only, rendering apart), no trail", *without)
        row(
            f"print of {report.model} (log only, rendering apart), audited",
            *with_,
            base=without,
        )
    else:
        out("(no oa.* report with a record: print not measured)")

    Log = env["oa.audit.log"]
    for count in (1, 20):

        def commit(count=count):
            for _i in range(count):
                Log._oa_log("export", record_name="bench", detail="bench")
            env.cr.flush()

        row(f"commit of {count} queued row(s): one INSERT", *median(env, runs, commit))


def bench_dispatch(env, runs):
    import odoo

    from odoo.addons.oa_security.hooks import original_call_kw

    out(
        "== 3. a transition dispatched as a button (call_kw), commit included "
        f"(median of {runs})"
    )
    ref = env.ref
    drafter = ref("oa_base.user_liufang_demo")
    docs = (
        env["oa.document"]
        .with_user(drafter)
        .create(
            [
                {
                    "name": f"审计开销测试公文 {i}",
                    "issuing_unit_id": ref("oa_base.oa_unit_office_demo").id,
                    "main_unit_ids": [(6, 0, ref("oa_base.oa_unit_hr_demo").ids)],
                    "body": "<p>审计开销测试。</p>",
                }
                for i in range(2 * runs + 2)
            ]
        )
    )
    for doc in docs:
        doc.action_submit()
    env.flush_all()
    reviewer = (
        docs[0]
        .sudo()
        .current_step_ids.user_ids.filtered(lambda u: docs[0].with_user(u).can_act)[:1]
    )
    Docs = env["oa.document"].with_user(reviewer)
    pending = iter(docs)

    def approve(call):
        doc = next(pending)

        def fn():
            call(Docs, "action_approve", [doc.ids], {"opinion": "同意"})
            env.cr.flush()  # the commit's pre-commit hooks (the trail's INSERT)

        return fn

    audited, plain = odoo.api.call_kw, original_call_kw()
    # warm both paths
    median(env, 1, approve(audited))
    median(env, 1, approve(plain))
    with_, without = [], []
    for _i in range(runs):
        with_.append(median(env, 1, approve(audited)))
        without.append(median(env, 1, approve(plain)))
    with_, without = (
        tuple(statistics.median(v) for v in zip(*pairs, strict=True))
        for pairs in (with_, without)
    )
    row("document review approved (call_kw), Odoo's own dispatch", *without)
    row("document review approved (call_kw), audited", *with_, base=without)
    Log = env["oa.audit.log"]
    env.cr.execute(
        "SELECT count(*) FROM oa_audit_log WHERE action = 'flow' AND res_id IN %s",
        [tuple(docs.ids)],
    )
    out(f"  flow rows written: {env.cr.fetchone()[0]} (one per audited approval)")
    assert not Log._oa_check_chain()[1]

    Users = env["res.users"].with_user(reviewer)

    def read(call):
        return lambda: call(Users, "read", [reviewer.ids, ["login"]], {})

    without = median(env, runs, read(plain))
    with_ = median(env, runs, read(audited))
    row("a read (call_kw), Odoo's own dispatch", *without)
    row("a read (call_kw), through the hook (not audited)", *with_, base=without)


def main():
    args = parse_args(__doc__.splitlines()[0], runs=(10, "calls per figure"))
    with odoo_env(args.db) as env:
        registry = env.registry
        registry.enter_test_mode(env.cr)
        try:
            started = time.perf_counter()
            bench_logins(env, args.runs)
            bench_audit(env, args.runs)
            bench_dispatch(env, args.runs)
            out(f"({time.perf_counter() - started:.1f} s, rolled back)")
        finally:
            registry.leave_test_mode()


if __name__ == "__main__":
    main()
