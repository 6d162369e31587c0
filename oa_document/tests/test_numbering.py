# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import subprocess
import sys
import time
from datetime import datetime

import psycopg2

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import config, mute_logger

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestNumbering(OaDocumentCommon):
    def test_numbers_follow_each_other_per_unit_kind_year(self):
        first = self._run_until(self._draft(), "seal")
        second = self._run_until(self._draft(name="第二份"), "seal")
        year = datetime.now().year
        self.assertEqual(first.number, f"甲〔{year}〕1号")
        self.assertEqual(second.number, f"甲〔{year}〕2号")
        Counter = self.env["oa.document.number.counter"]
        self.assertEqual(Counter._take_next(self.unit_a, "formal", year), 3)
        # another kind, another year, another unit: each starts at 1
        self.assertEqual(Counter._take_next(self.unit_a, "briefing", year), 1)
        self.assertEqual(Counter._take_next(self.unit_a, "formal", year + 1), 1)
        self.assertEqual(Counter._take_next(self.unit_b, "formal", year), 1)

    def test_kind_word_in_number(self):
        self.sign_flow.copy({"kind": "supervision", "name": "督办"})
        doc = self._run_until(self._draft(kind="supervision"), "seal")
        self.assertEqual(doc.number, f"甲督〔{datetime.now().year}〕1号")

    def test_duplicate_number_refused(self):
        doc = self._run_until(self._draft(), "seal")
        other = self._draft(name="另一份")
        # nobody but the flow writes a number ...
        with self.assertRaises(UserError):
            other.with_user(self.staff_a).write({"number": doc.number})
        # ... and the database refuses a number twice, whoever writes it
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            other.sudo().write({"number": doc.number})
            other.env.flush_all()
        self.env.invalidate_all()
        self.assertFalse(other.number)


# One transaction of its own, in a separate process, as a web request would
# run (under ``retrying``): take a number, hold the transaction open, then
# commit, or fail (rolled back).  Prints the number it took.
TAKE_NUMBER = """
import sys, odoo
from odoo.tools import config
from odoo.modules.registry import Registry
from odoo.service.model import retrying
db, unit_id, kind, hold, outcome = sys.argv[1:6]
config.parse_config(sys.argv[6:], setup_logging=False)
registry = Registry(db)
taken = []
tries = []
print("READY", flush=True)
sys.stdin.readline()


def request():
    # like a web request: the cursor commits, or rolls back on an exception
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        retrying(lambda: work(env), env)


def work(env):
    tries.append(1)
    unit = env["hr.department"].browse(int(unit_id))
    taken.append(env["oa.document.number.counter"]._take_next(unit, kind, 2026))
    print("TAKEN", taken[-1], flush=True)
    if hold == "hold":  # until told to end the transaction
        sys.stdin.readline()
    if outcome == "fail":  # the request fails after numbering
        raise RuntimeError("simulated failure")


try:
    request()
except RuntimeError:
    pass
print("ATTEMPTS", len(tries))
print("NUMBER", taken[-1])
"""


@tagged("post_install", "-at_install")
class TestConcurrentNumbering(TransactionCase):
    """Two real transactions (two processes) number documents of the same
    unit, kind and year at the same instant: no duplicate, and no gap when
    one rolls back.  The second waits on the first's row lock; under
    REPEATABLE READ it then fails to serialize and is retried, as Odoo
    retries a web request."""

    KIND = "oa_concurrency_test"

    def setUp(self):
        super().setUp()
        self.unit_id = self.env.ref("oa_base.oa_unit_office_demo").id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        # the processes committed: clean up with a connection of our own
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute(
                "DELETE FROM oa_document_number_counter WHERE kind = %s", [self.KIND]
            )

    def _start(self, hold, outcome):
        args = [
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
        ] + [
            f"--{key}={config[key]}"
            for key in ("db_host", "db_port", "db_user", "db_password")
            if config[key]
        ]
        return subprocess.Popen(
            [
                sys.executable,
                "-c",
                TAKE_NUMBER,
                self.env.cr.dbname,
                str(self.unit_id),
                self.KIND,
                str(hold),
                outcome,
                *args,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd="/",
        )

    def _expect(self, proc, word):
        line = proc.stdout.readline()
        self.assertIn(word, line, line or proc.stderr.read()[-2000:])

    def _tell(self, proc):
        proc.stdin.write("go\n")
        proc.stdin.flush()

    def _wait_for_lock_waiter(self):
        """Until a backend of this database waits on a lock (the second
        transaction, on the counter row)."""
        deadline = time.monotonic() + 120
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cr.fetchone()[0]:
                    return
                cr.rollback()
                time.sleep(0.2)
        self.fail("the second transaction never waited on the counter row")

    def _number(self, proc):
        out, err = proc.communicate(timeout=180)
        self.assertEqual(proc.returncode, 0, err[-2000:])
        attempts = int(out.split("ATTEMPTS")[-1].split()[0])
        return int(out.split("NUMBER")[-1]), (attempts, err)

    def _race(self, first_commits):
        first = self._start("hold", "commit" if first_commits else "fail")
        second = self._start("no", "commit")
        self._expect(first, "READY")
        self._expect(second, "READY")
        # the first holds its number (and the row lock); the second asks for
        # the next one while the first's transaction is still open
        self._tell(first)
        self._expect(first, "TAKEN")
        self._tell(second)
        self._wait_for_lock_waiter()
        self._tell(first)  # the first commits, or fails and rolls back
        first_number, _err = self._number(first)
        second_number, second_err = self._number(second)
        return (first_number, second_number), second_err

    def test_concurrent_numbers_are_distinct(self):
        (first, second), (attempts, second_err) = self._race(first_commits=True)
        self.assertEqual((first, second), (1, 2))
        # they really collided: the second was retried after the first commit,
        # and this normal path logs no error ("bad query")
        self.assertEqual(attempts, 2)
        self.assertNotIn("bad query", second_err)
        self.assertNotIn("ERROR", second_err)

    def test_rolled_back_number_is_reused(self):
        (first, second), _err = self._race(first_commits=False)
        self.assertEqual((first, second), (1, 1))
