"""Two Odoo nodes in prefork mode behind nginx, one database, one shared data
directory (filestore and sessions): the production layout of README
"Production", proven on this machine (tools/run_serve.py, as `make serve`).

A user logs in through the proxy, is served by each node in turn (round
robin) with the same session, works, and what he sends reaches another
user's websocket whichever node's gevent process holds it; a leader approves
a document's step through the proxy and the next holder's web client is told
of his new to-do on whichever node it is connected.
"""

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from run_serve import Layout  # noqa: E402

PASSWORD = "Oa@TwoNodes-2026"
SENDER, RECEIVER = "oa_two_nodes_a", "oa_two_nodes_b"


@pytest.fixture(scope="module")
def users(odoo_run):
    """Two OA users whose first-login password change is done (committed:
    the servers see them), removed afterwards."""
    odoo_run(
        f"""
group = env.ref("oa_base.group_oa_user")
for login in ({SENDER!r}, {RECEIVER!r}):
    user = env["res.users"].with_context(active_test=False).search(
        [("login", "=", login)]
    )
    if not user:
        user = env["res.users"].with_context(no_reset_password=True).create(
            {{"name": login, "login": login, "groups_id": [(6, 0, group.ids)],
              "notification_type": "inbox"}}
        )
    env.cr.execute(
        "UPDATE res_users SET active = true, oa_password_change_required = false "
        "WHERE id = %s",
        [user.id],
    )
    crypted = env["res.users"]._crypt_context().hash({PASSWORD!r})
    user._set_encrypted_password(user.id, crypted)
env.cr.commit()
"""
    )
    yield
    odoo_run(
        f"""
users = env["res.users"].search([("login", "in", ({SENDER!r}, {RECEIVER!r}))])
env.cr.execute("UPDATE res_users SET active = false WHERE id IN %s", [tuple(users.ids)])
env.cr.commit()
"""
    )


SUBMIT_DOCUMENT = """
import json
ref = env.ref
drafter = ref("oa_base.user_liufang_demo")
doc = env["oa.document"].with_user(drafter).create({
    "name": "两节点审批测试",
    "issuing_unit_id": ref("oa_base.oa_unit_office_demo").id,
    "main_unit_ids": [(6, 0, ref("oa_base.oa_unit_hr_demo").ids)],
    "body": "<p>两节点审批测试正文。</p>",
})
doc.action_submit()
actor = doc.sudo().current_step_ids.user_ids.filtered(
    lambda u: doc.with_user(u).can_act
)[:1]
"""


@pytest.fixture(scope="module")
def waiting_document(odoo_run):
    """A document of the demo office submitted by its drafter, waiting for a
    leader's step; the leader and whoever holds the next step can log in
    (password set, first-login change done) — their former passwords are put
    back afterwards.  Yields (document id, actor login, next holders'
    logins)."""
    # who holds it after the approval: approve once, look, roll back
    out = odoo_run(
        SUBMIT_DOCUMENT
        + """
doc.with_user(actor).action_approve("同意")
following = doc.sudo().current_step_ids.user_ids - actor
print(json.dumps(following.ids))
"""
    )
    following_ids = json.loads(out.strip().splitlines()[-1])
    assert following_ids, out
    out = odoo_run(
        SUBMIT_DOCUMENT
        + f"""
people = actor | env["res.users"].browse({following_ids!r})
env.cr.execute(
    "SELECT id, password, oa_password_change_required FROM res_users WHERE id IN %s",
    [tuple(people.ids)],
)
saved = env.cr.fetchall()
env.cr.execute(
    "UPDATE res_users SET oa_password_change_required = false WHERE id IN %s",
    [tuple(people.ids)],
)
crypted = env["res.users"]._crypt_context().hash({PASSWORD!r})
for user in people:
    user._set_encrypted_password(user.id, crypted)
env.cr.commit()
print(json.dumps([doc.id, actor.login, (people - actor).mapped("login"), saved]))
"""
    )
    doc_id, actor, following, saved = json.loads(out.strip().splitlines()[-1])
    yield doc_id, actor, following
    odoo_run(
        f"""
for user_id, password, required in {saved!r}:
    env.cr.execute(
        "UPDATE res_users SET password = %s, oa_password_change_required = %s "
        "WHERE id = %s",
        [password, required, user_id],
    )
env.cr.commit()
"""
    )


@pytest.fixture(scope="module")
def layout(odoo_db, users):
    options = [
        "--db_host",
        os.environ.get("PGHOST", "127.0.0.1"),
        "--db_port",
        os.environ.get("PGPORT", "5432"),
        "-r",
        os.environ.get("PGUSER", "oa_test"),
        "-D",
        os.environ["OA_DATA_DIR"],
        f"--addons-path={os.environ['OA_ADDONS_PATH']}",
        "-d",
        odoo_db,
    ]
    running = Layout(options, odoo_db, nodes=2, workers=2).start()
    yield running
    running.stop()


class Client:
    """A browser-like JSON-RPC session through the proxy."""

    def __init__(self, layout, db, login):
        self.url, self.session = layout.url, requests.Session()
        self.upstreams = []
        result = self.call(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": PASSWORD},
        )
        self.uid, self.partner_id = result["uid"], result["partner_id"]

    def call(self, path, params):
        res = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        res.raise_for_status()
        self.upstreams.append(res.headers["X-OA-Upstream"])
        body = res.json()
        assert "error" not in body, body["error"]
        return body["result"]

    def call_kw(self, model, method, args, **kwargs):
        return self.call(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )


def open_websocket(layout, client):
    import websocket

    host = layout.url.split("//", 1)[1]
    ws = websocket.create_connection(
        f"ws://{host}/websocket",
        cookie="session_id=" + client.session.cookies["session_id"],
        origin=layout.url,
        timeout=30,
    )
    subscribe = {"event_name": "subscribe", "data": {"channels": [], "last": 0}}
    ws.send(json.dumps(subscribe))
    return ws


def receive_todo_notice(ws, timeout=60):
    """The web client's "a to-do arrived" notice (activity counter)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for notification in json.loads(ws.recv()):
            message = notification["message"]
            if message["type"] == "mail.activity/updated" and message["payload"].get(
                "activity_created"
            ):
                return True
    return False


def receive_message(ws, body, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for notification in json.loads(ws.recv()):
            message = notification["message"]
            if message["type"] == "discuss.channel/new_message" and body in json.dumps(
                message["payload"], ensure_ascii=False
            ):
                return True
    return False


def test_session_round_robin_over_both_nodes(layout, odoo_db):
    client = Client(layout, odoo_db, SENDER)
    for _ in range(4):
        info = client.call("/web/session/get_session_info", {})
        assert info["uid"] == client.uid  # the same session on every node
        me = client.call_kw("res.users", "read", [[client.uid], ["login"]])
        assert me[0]["login"] == SENDER
    nodes = {f"127.0.0.1:{http}" for http, _ws in layout.node_ports}
    assert set(client.upstreams) == nodes, client.upstreams


def test_notification_reaches_the_other_node(layout, odoo_db):
    sender = Client(layout, odoo_db, SENDER)
    receiver = Client(layout, odoo_db, RECEIVER)
    store = sender.call_kw("discuss.channel", "channel_get", [[receiver.partner_id]])
    chat_id = store["discuss.channel"][0]["id"]
    # One websocket of the receiver on each node's gevent process (round robin).
    sockets = [open_websocket(layout, receiver) for _ in layout.node_ports]
    try:
        time.sleep(1)  # subscriptions registered
        for index in range(2):  # posted through each node in turn
            body = f"两节点消息 {index} {time.time()}"
            sender.call(
                "/mail/message/post",
                {
                    "thread_model": "discuss.channel",
                    "thread_id": chat_id,
                    "post_data": {"body": body, "message_type": "comment"},
                },
            )
            for ws in sockets:
                assert receive_message(ws, body), f"not received: {body}"
        nodes = {f"127.0.0.1:{http}" for http, _ws in layout.node_ports}
        assert set(sender.upstreams) == nodes
    finally:
        for ws in sockets:
            ws.close()


def test_approval_through_the_proxy_reaches_the_next_holder(
    layout, odoo_db, waiting_document
):
    doc_id, actor_login, following = waiting_document
    actor = Client(layout, odoo_db, actor_login)
    holder = Client(layout, odoo_db, following[0])
    # the next holder's web client, once on each node's gevent process
    sockets = [open_websocket(layout, holder) for _ in layout.node_ports]
    try:
        time.sleep(1)  # subscriptions registered
        [mine] = actor.call_kw("oa.document", "read", [[doc_id], ["can_act"]])
        assert mine["can_act"]
        actor.call_kw("oa.document", "action_approve", [[doc_id]], opinion="同意")
        for ws in sockets:
            assert receive_todo_notice(ws), "the next holder was not told"
        # what each then sees, through the proxy: the step moved on to the
        # next holder, and is in his to-do
        [mine] = actor.call_kw("oa.document", "read", [[doc_id], ["can_act"]])
        [his] = holder.call_kw("oa.document", "read", [[doc_id], ["can_act"]])
        assert not mine["can_act"] and his["can_act"]
        todo = holder.call_kw(
            "mail.activity",
            "search_count",
            [[("res_model", "=", "oa.document"), ("res_id", "=", doc_id)]],
        )
        assert todo >= 1
    finally:
        for ws in sockets:
            ws.close()


def test_each_node_gevent_process_stays_up(layout):
    """`odoo-bin gevent` of each prefork node answers on its own port, and
    still does after a while (a gevent process that dies at start is
    respawned forever by the prefork master and never answers)."""
    for _round in range(2):
        for _http, gevent_port in layout.node_ports:
            res = requests.get(
                f"http://127.0.0.1:{gevent_port}/websocket/health", timeout=10
            )
            assert res.status_code == 200, (gevent_port, res.status_code)
        time.sleep(3)
    for proc in layout.procs:
        assert proc.poll() is None, "a node stopped"


LOCKED = "oa_two_nodes_locked"


def test_lockout_counted_across_workers_and_nodes(layout, odoo_db, odoo_run, users):
    """oa_security: five wrong passwords spread over both nodes (and their
    workers) lock the account; the right one is then refused on every node;
    another user behind the same address logs in.  /web/session/authenticate
    rolls its request back on a refusal: the count survives it."""
    odoo_run(
        f"""
group = env.ref("oa_base.group_oa_user")
user = env["res.users"].with_context(active_test=False).search(
    [("login", "=", {LOCKED!r})]
)
if not user:
    user = env["res.users"].with_context(no_reset_password=True).create(
        {{"name": {LOCKED!r}, "login": {LOCKED!r}, "groups_id": [(6, 0, group.ids)]}}
    )
env.cr.execute(
    "UPDATE res_users SET active = true, oa_password_change_required = false "
    "WHERE id = %s",
    [user.id],
)
crypted = env["res.users"]._crypt_context().hash({PASSWORD!r})
user._set_encrypted_password(user.id, crypted)
env.cr.execute("DELETE FROM oa_login_lockout WHERE login = %s", [{LOCKED!r}])
env.cr.commit()
"""
    )

    def authenticate(login, password):
        res = requests.post(
            layout.url + "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": odoo_db, "login": login, "password": password},
            },
            timeout=60,
        )
        body = res.json()
        error = body.get("error", {}).get("data", {}).get("message")
        return res.headers["X-OA-Upstream"], error

    try:
        upstreams = set()
        for _i in range(5):
            upstream, error = authenticate(LOCKED, "wrong")
            upstreams.add(upstream)
            assert error
        assert upstreams == {f"127.0.0.1:{http}" for http, _ws in layout.node_ports}
        assert "锁定" in error  # the refusal, in Chinese
        for _i in range(len(layout.node_ports)):
            _upstream, error = authenticate(LOCKED, PASSWORD)
            assert error and "锁定" in error
        assert authenticate(SENDER, PASSWORD)[1] is None
        out = odoo_run(
            f"""
env.cr.execute(
    "SELECT failure_count, locked_until > now() AT TIME ZONE 'UTC' "
    "FROM oa_login_lockout WHERE login = %s",
    [{LOCKED!r}],
)
print(env.cr.fetchone())
"""
        )
        assert out.strip() == "(5, True)"
    finally:
        odoo_run(
            f"""
env.cr.execute("DELETE FROM oa_login_lockout WHERE login = %s", [{LOCKED!r}])
env.cr.execute("UPDATE res_users SET active = false WHERE login = %s", [{LOCKED!r}])
env.cr.commit()
"""
        )


def test_audit_chain_holds_under_concurrent_writers(layout, odoo_db, odoo_run):
    """oa_security: many failed logins at once on both nodes' workers (each
    written to the audit trail on a transaction of its own) keep one chain:
    no two rows link to the same predecessor, and the check finds it whole."""
    before = int(odoo_run("print(env['oa.audit.log'].sudo().search_count([]))").strip())

    def fail(n):
        return requests.post(
            layout.url + "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": odoo_db,
                    "login": f"oa_nobody_{n % 7}",
                    "password": "wrong",
                },
            },
            timeout=60,
        ).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(fail, range(36)))
    assert statuses == [200] * 36
    out = odoo_run(
        """
Log = env["oa.audit.log"].sudo()
env.cr.execute(
    "SELECT count(*) - count(DISTINCT prev_hash) FROM oa_audit_log"
)
forks = env.cr.fetchone()[0]
checked, broken = Log._oa_check_chain()
print(Log.search_count([]), forks, broken)
"""
    )
    total, forks, broken = out.split()
    assert int(total) >= before + 36
    assert forks == "0", "two rows link to the same predecessor"
    assert broken == "False"
