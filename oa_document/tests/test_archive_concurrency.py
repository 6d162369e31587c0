# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import subprocess
import sys
import time

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

# One transaction of its own, in a separate process, as a web request would
# run (under ``retrying``): once told to, archive a document; with "hold",
# keep the transaction open until told to commit.
ARCHIVE = """
import sys, odoo
from odoo.tools import config
from odoo.modules.registry import Registry
from odoo.service.model import retrying
db, doc_id, hold = sys.argv[1:4]
config.parse_config(sys.argv[4:], setup_logging=False)
registry = Registry(db)
attempts = []
print("READY", flush=True)
sys.stdin.readline()


def work(env):
    attempts.append(1)
    doc = env["oa.document"].browse(int(doc_id))
    doc._check_can_archive()
    doc._do_archive()
    print("ARCHIVED", doc.archive_seq, flush=True)
    if hold == "hold":
        sys.stdin.readline()


with registry.cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    retrying(lambda: work(env), env)
print("ATTEMPTS", len(attempts))
"""


@tagged("post_install", "-at_install")
class TestConcurrentArchiving(TransactionCase):
    """Two real transactions archive two documents at the same instant: the
    second waits on the archive counter, is retried after the first commits
    and takes the next link of the chain; the chain check flags nothing."""

    def setUp(self):
        super().setUp()
        self.docs = self.env["oa.document"].search(
            [("state", "=", "distributed")], order="id", limit=2
        )
        self.assertEqual(
            len(self.docs), 2, "the demo data has two distributed documents"
        )
        self.env.cr.execute(
            "SELECT last_number FROM oa_document_number_counter"
            " WHERE kind = 'archive' AND unit_id IS NULL"
        )
        row = self.env.cr.fetchone()
        self.counter_before = row[0] if row else 0
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        # the processes committed: undo with a connection of our own
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute(
                """
                UPDATE oa_document
                   SET state = 'distributed', archive_seq = NULL,
                       archive_prev_hash = NULL, archive_hash = NULL,
                       date_archived = NULL
                 WHERE id IN %s
                """,
                [tuple(self.docs.ids)],
            )
            cr.execute(
                "UPDATE oa_document_number_counter SET last_number = %s"
                " WHERE kind = 'archive' AND unit_id IS NULL",
                [self.counter_before],
            )

    def _start(self, doc, hold):
        args = [
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
        ] + [
            f"--{key}={config[key]}"
            for key in ("db_host", "db_port", "db_user", "db_password")
            if config[key]
        ]
        return subprocess.Popen(
            [sys.executable, "-c", ARCHIVE, self.env.cr.dbname, str(doc.id), str(hold)]
            + args,
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
        archiving, on the archive counter row)."""
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
        self.fail("the second archiving never waited on the counter")

    def _finish(self, proc):
        out, err = proc.communicate(timeout=180)
        self.assertEqual(proc.returncode, 0, err[-2000:])
        return int(out.split("ATTEMPTS")[-1]), err

    def test_concurrent_archivings_chain(self):
        first_doc, second_doc = self.docs
        first = self._start(first_doc, hold="hold")
        second = self._start(second_doc, hold="no")
        self._expect(first, "READY")
        self._expect(second, "READY")
        self._tell(first)
        self._expect(first, "ARCHIVED")
        # the second starts while the first holds its link of the chain
        self._tell(second)
        self._wait_for_lock_waiter()
        self._tell(first)  # the first commits
        first_attempts, _err = self._finish(first)
        second_attempts, second_err = self._finish(second)
        self.assertEqual(first_attempts, 1)
        # the second really waited and was retried, without an error logged
        self.assertEqual(second_attempts, 2)
        self.assertNotIn("bad query", second_err)
        self.assertNotIn("ERROR", second_err)
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            one, two = env["oa.document"].browse(self.docs.ids)
            self.assertEqual(one.archive_seq, self.counter_before + 1)
            self.assertEqual(two.archive_seq, self.counter_before + 2)
            self.assertEqual(two.archive_prev_hash, one.archive_hash)
            broken, _count = env["oa.document"]._archive_chain_broken()
            self.assertFalse(broken & (one | two))
            cr.rollback()
