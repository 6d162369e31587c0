"""oa_security: two requests that write rows to the audit trail at once.

A request's transaction is repeatable read: it sees the trail as it was when
it began.  When the chain's tip was a row every writer updated, the second
of two such transactions failed to serialize ("could not serialize access
due to concurrent update") and Odoo ran the whole request again — under load,
every few approvals.  The tip is now the last row, read under the lock by a
transaction begun after it: both commit at the first try and the chain keeps
one order."""


def test_two_request_transactions_write_rows_at_once(odoo_run):
    out = odoo_run(
        """
import odoo
from odoo.sql_db import db_connect

Log = env["oa.audit.log"]
db = env.cr.dbname
first, second = db_connect(db).cursor(), db_connect(db).cursor()
try:
    # both requests began (their snapshots are taken) before either wrote
    first.execute("SELECT count(*) FROM oa_audit_log")
    second.execute("SELECT count(*) FROM oa_audit_log")
    row = Log._oa_row("settings", detail="concurrent writer 2")
    Log.with_env(env(cr=second))._oa_insert(second, [row])
    second.commit()
    row = Log._oa_row("settings", detail="concurrent writer 1")
    Log.with_env(env(cr=first))._oa_insert(first, [row])
    first.commit()
finally:
    first.close()
    second.close()
env.cr.rollback()  # a new snapshot: what both writers committed
env.cr.execute(
    "SELECT detail, prev_hash, hash FROM oa_audit_log"
    " WHERE detail LIKE 'concurrent writer %' ORDER BY id"
)
rows = env.cr.fetchall()
env.cr.execute("SELECT count(*) - count(DISTINCT prev_hash) FROM oa_audit_log")
forks = env.cr.fetchone()[0]
checked, broken = Log._oa_check_chain()
print(len(rows), rows[-1][1] == rows[-2][2], forks, broken)
"""
    )
    count, linked, forks, broken = out.split()[-4:]
    assert int(count) >= 2
    assert linked == "True", "the second writer does not link to the first"
    assert forks == "0", "two rows link to the same predecessor"
    assert broken == "False"
