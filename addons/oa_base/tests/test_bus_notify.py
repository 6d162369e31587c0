# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bus's NOTIFY goes out on the connection the process keeps
(``models/bus_bus.py``): delivered as Odoo's, one connection for many
commits, a lost connection reopened, a forked worker's own, closed when
the process ends."""

import json
import select
import time

import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged

from odoo.addons.oa_base.models import bus_bus


@tagged("post_install", "-at_install")
class TestBusNotify(TransactionCase):
    def setUp(self):
        super().setUp()
        _db, info = connection_info_for("postgres")
        self.listener = psycopg2.connect(**info)
        self.listener.autocommit = True
        self.addCleanup(self.listener.close)
        with self.listener.cursor() as cr:
            cr.execute("LISTEN imbus")
        self.marker = f"oa-test-{time.time_ns()}"

    def received(self, count=1, timeout=5):
        """The channels of the NOTIFYs that name this test's marker (until
        ``count`` of them arrived)."""
        channels = []
        deadline = time.monotonic() + timeout
        while len(channels) < count and time.monotonic() < deadline:
            select.select([self.listener], [], [], 0.2)
            self.listener.poll()
            while self.listener.notifies:
                payload = self.listener.notifies.pop(0).payload
                channels += [c for c in json.loads(payload) if self.marker in c]
        return channels

    def kept_pid(self):
        return bus_bus._connections[bus_bus.os.getpid()].get_backend_pid()

    def send(self):
        bus_bus.notify([json.dumps([[self.env.cr.dbname, self.marker]])])

    def test_commit_hook_is_the_kept_connections(self):
        self.env["bus.bus"]._sendone(self.marker, "oa/test", {"ok": True})
        hooks = [
            func
            for func in self.env.cr.postcommit._funcs
            if getattr(func, "__name__", "") in ("notify", "oa_notify")
        ]
        # one NOTIFY after the commit, the suite's (Odoo's is not registered)
        self.assertEqual([func.__name__ for func in hooks], ["oa_notify"])
        hooks[0]()
        self.assertEqual(
            self.received(), [[self.env.cr.dbname, self.marker]], "not delivered"
        )

    def test_one_connection_for_many_notifies(self):
        self.send()
        pid = self.kept_pid()
        for _i in range(3):
            self.send()
        self.assertEqual(len(self.received(count=4)), 4)
        self.assertEqual(self.kept_pid(), pid)

    def test_dead_peer_noticed_in_seconds(self):
        """A connection dropped without a word (a firewall) is given up
        after seconds, not TCP's quarter of an hour with the lock held."""
        self.send()
        params = bus_bus._connections[bus_bus.os.getpid()].info.dsn_parameters
        self.assertEqual(params.get("keepalives"), "1")
        self.assertEqual(params.get("tcp_user_timeout"), "10000")

    def test_lost_connection_reopened(self):
        self.send()
        pid = self.kept_pid()
        self.assertTrue(self.received())
        with self.listener.cursor() as cr:
            # waits until the backend is gone (PostgreSQL 14+)
            cr.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
            self.assertEqual(cr.fetchone(), (True,))
        self.send()
        self.assertTrue(self.received(), "not delivered after the connection was lost")
        self.assertNotEqual(self.kept_pid(), pid)

    def test_forked_worker_opens_its_own(self):
        self.send()
        parent = bus_bus._connections[bus_bus.os.getpid()]
        self.addCleanup(parent.close)
        bus_bus._after_fork()  # what a forked worker runs first
        self.assertFalse(bus_bus._connections)
        self.assertFalse(parent.closed, "the parent's socket must stay untouched")
        self.send()
        self.assertIsNot(bus_bus._connections[bus_bus.os.getpid()], parent)
        self.assertTrue(self.received())

    def test_closed_when_the_process_ends(self):
        self.send()
        cnx = bus_bus._connections[bus_bus.os.getpid()]
        bus_bus._close()  # registered with atexit
        self.assertTrue(cnx.closed)
        self.assertNotIn(bus_bus.os.getpid(), bus_bus._connections)
        self.send()  # a later NOTIFY of the same process opens one again
        self.assertTrue(self.received())
