#!/usr/bin/env python3
"""``make serve``: the production layout on a bare machine, without Docker.

nginx (Debian's package) in front, routing ``/websocket`` to each node's
gevent port and everything else round robin to the nodes' prefork HTTP
workers; one or more Odoo nodes (``--nodes``) on one database, sharing one
data directory (filestore and sessions), so that any node serves any
session.  The database is prepared as ``make run`` does (oa_suite with demo
data on the first start).

    make serve [DB=oa] [SERVE_PORT=8080] [NODES=1] [WORKERS=auto]

The same functions start the two-node layout of tests/test_two_nodes.py.
"""

import argparse
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_tests import free_port  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = REPO / "docker" / "nginx" / "oa.conf.template"
NGINX_MAIN = """\
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/oa.conf;
}}
"""


def auto_workers():
    """Odoo's rule of thumb: 2 workers per core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


def odoo_bin():
    """A prefork server must be started through odoo-bin (or the `odoo`
    script): it re-executes its own argv[0] to launch the gevent process,
    which `python3 -m odoo` cannot."""
    import odoo

    tree_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    if tree_bin.exists():
        return str(tree_bin)
    found = shutil.which("odoo")
    if not found:
        sys.exit("neither odoo-bin nor the odoo script was found")
    return found


def wait_http(url, timeout=180, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as res:
                if res.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def wait_port(port, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


class Layout:
    """Odoo nodes behind nginx; ``stop()`` ends them all."""

    def __init__(self, options, db, nodes=2, workers=2, listen_port=None, log_dir=None):
        self.options, self.db = options, db
        self.nodes, self.workers = nodes, workers
        self.listen_port = listen_port or free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix="oa-serve-"))
        self.log_dir = Path(log_dir) if log_dir else self.tmp
        self.procs, self.node_ports = [], []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.listen_port}"

    def start(self):
        try:
            for index in range(self.nodes):
                self._start_node(index)
            self._start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_node(self, index):
        http_port, gevent_port = free_port(), free_port()
        log = self.log_dir / f"odoo-node{index + 1}.log"
        cmd = [
            sys.executable,
            odoo_bin(),
            *self.options,
            f"--db-filter=^{self.db}$",
            "--no-database-list",
            f"--workers={self.workers}",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            "--http-interface=127.0.0.1",
            "--proxy-mode",
            # scheduled actions on one node (they would be safe on all: Odoo
            # locks each job, but one is enough)
            f"--max-cron-threads={1 if index == 0 else 0}",
            f"--logfile={log}",
        ]
        proc = subprocess.Popen(cmd, cwd="/", start_new_session=True)
        self.procs.append(proc)
        wait_http(f"http://127.0.0.1:{http_port}/web/health", proc=proc)
        wait_port(gevent_port)
        self.node_ports.append((http_port, gevent_port))

    def _start_nginx(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.tmp.chmod(0o755)  # nginx's workers run as nobody
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.tmp / sub).mkdir(mode=0o777, exist_ok=True)
            (self.tmp / sub).chmod(0o777)
        values = {
            "OA_LISTEN": f"127.0.0.1:{self.listen_port}",
            "OA_UPSTREAM_HTTP": " ".join(
                f"server 127.0.0.1:{http};" for http, _ws in self.node_ports
            ),
            "OA_UPSTREAM_WS": " ".join(
                f"server 127.0.0.1:{ws};" for _http, ws in self.node_ports
            ),
            "OA_MAX_BODY": "30m",
        }
        conf = string.Template(NGINX_TEMPLATE.read_text()).safe_substitute(values)
        (self.tmp / "oa.conf").write_text(conf)
        user = "user nobody nogroup;" if os.geteuid() == 0 else ""
        (self.tmp / "nginx.conf").write_text(NGINX_MAIN.format(tmp=self.tmp, user=user))
        cmd = [nginx, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")]
        subprocess.run([*cmd, "-t", "-q"], check=True)
        proc = subprocess.Popen([*cmd, "-g", "daemon off;"], start_new_session=True)
        self.procs.append(proc)
        wait_http(f"{self.url}/web/health", proc=proc)

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs = []


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="oa")
    parser.add_argument("--port", type=int, default=8080, help="nginx listens here")
    parser.add_argument("--nodes", type=int, default=1)
    parser.add_argument(
        "--workers", default="auto", help="HTTP workers per node, or auto"
    )
    opts = parser.parse_args()
    workers = auto_workers() if opts.workers == "auto" else int(opts.workers)

    from build_assets import build_assets
    from run_server import prepare

    options = prepare(opts.db)
    build_assets(options)
    layout = Layout(options, opts.db, opts.nodes, workers, opts.port).start()
    print(
        f"[make serve] {opts.nodes} Odoo node(s) x {workers} workers behind nginx on "
        f"{layout.url} (logs in {layout.log_dir}); Ctrl-C stops everything",
        flush=True,
    )
    try:
        while all(proc.poll() is None for proc in layout.procs):
            time.sleep(1)
        print("[make serve] a process exited; stopping", flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        layout.stop()


if __name__ == "__main__":
    sys.exit(main())
