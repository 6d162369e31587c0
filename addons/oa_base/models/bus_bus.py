# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bus's NOTIFY on a connection the process keeps.

After each commit that sent bus notifications (a new to-do, an inbox
message: every step of a flow sends them), Odoo's bus wakes the browsers'
websockets with ``NOTIFY imbus`` on the ``postgres`` database
(``bus.bus._ensure_hooks``).  Odoo's connection pool never keeps a
connection to ``postgres`` (``Cursor._close``), so each such commit opens
a PostgreSQL connection — a backend forked and set up — and closes it: about
9 ms of PostgreSQL's CPU and 1 ms of Odoo's on a 2-core machine, more than
a whole list request (``bench/README.md``, "The bus's NOTIFY").

Here each process keeps one connection to ``postgres`` for its NOTIFYs,
opened at the first one and again after a fork or once it is lost, closed
when the process ends.  What is sent, and when (after the commit, the same
payloads), stays Odoo's.
"""

import atexit
import logging
import os
import threading

import psycopg2
from psycopg2.extensions import libpq_version

from odoo import models
from odoo.sql_db import connection_info_for
from odoo.tools import SQL
from odoo.tools.misc import OrderedSet

from odoo.addons.bus.models.bus import ODOO_NOTIFY_FUNCTION, get_notify_payloads

_logger = logging.getLogger(__name__)

# pid -> the connection that process opened (a forked worker never uses,
# nor closes, its parent's: its socket is the parent's)
_connections = {}
_lock = threading.Lock()


def _after_fork():
    global _lock
    _lock = threading.Lock()
    _connections.clear()


def _close():
    # a worker that ends (recycled, stopped) says goodbye to PostgreSQL
    cnx = _connections.pop(os.getpid(), None)
    if cnx is not None and not cnx.closed:
        cnx.close()


os.register_at_fork(after_in_child=_after_fork)
atexit.register(_close)


# A kept connection can die silently (a firewall between the nodes and the
# database dropping an idle connection): TCP would retry a NOTIFY on it for
# about 15 minutes, the request waiting and the lock held.  With these the
# loss is noticed within seconds and the NOTIFY sent on a new connection.
# (libpq ignores them on a Unix socket.)
KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 60,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    **({"tcp_user_timeout": 10000} if libpq_version() >= 120000 else {}),
}


def _connection():
    cnx = _connections.get(os.getpid())
    if cnx is None or cnx.closed:
        _db, info = connection_info_for("postgres")
        cnx = psycopg2.connect(**{**KEEPALIVE, **info})
        cnx.autocommit = True
        _connections[os.getpid()] = cnx
    return cnx


def notify(payloads):
    """``NOTIFY imbus`` of each payload on the process's connection; once
    more on a new connection when the kept one was lost (the server
    restarted, a network cut): a payload sent twice only wakes the
    listeners twice, they read the bus table from their last id."""
    with _lock:
        for attempt in (1, 2):
            cnx = _connection()
            try:
                with cnx.cursor() as cr:
                    for payload in payloads:
                        query = SQL(
                            "SELECT %s('imbus', %s)",
                            SQL.identifier(ODOO_NOTIFY_FUNCTION),
                            payload,
                        )
                        cr.execute(query.code, query.params)
                return
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                _connections.pop(os.getpid(), None)
                if not cnx.closed:
                    cnx.close()
                if attempt == 2:
                    raise
                _logger.info("bus: the kept connection to postgres was lost, reopened")


class BusBus(models.Model):
    _inherit = "bus.bus"

    def _ensure_hooks(self):
        # registered before Odoo's hooks: Odoo's registers its own NOTIFY
        # only where none is (the channels' set is its marker)
        postcommit = self.env.cr.postcommit
        if "bus.bus.channels" not in postcommit.data:
            postcommit.data["bus.bus.channels"] = OrderedSet()

            @postcommit.add
            def oa_notify():
                channels = list(postcommit.data.pop("bus.bus.channels"))
                notify(get_notify_payloads(channels))

        return super()._ensure_hooks()
