#!/usr/bin/env python3
"""Sample PNGs of every PDF print of the suite, for the addons'
``static/description/`` (their READMEs show them).

    tools/print_samples.py DB [--url URL] [--login admin] [--password admin]
        [--db-host HOST] [--db-user USER] [--db-password PASSWORD]

DB is a demo database with ``oa_suite`` installed (``make run`` makes one).
Without ``--url`` an Odoo server is started on a free port for the time of
the run (wkhtmltopdf fetches the report assets and the 仿宋 font from it),
and stopped afterwards.  Each print is fetched over HTTP as the user given,
as a browser would (``/report/pdf/...``), rendered with ``pdftoppm`` and
its pages put side by side in one PNG.  Look at every image before
committing it.
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_tests import free_port  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ADDONS_PATH = f"{REPO}/addons,{REPO},/work/odoo18/addons,/work/odoo18/odoo/addons"

# (report, model, domain, order, addon, file)
PRINTS = [
    (
        "oa_document.report_oa_document",
        "oa.document",
        [("state", "=", "archived"), ("sealed", "=", True)],
        "id",
        "oa_document",
        "print_red_header.png",
    ),
    (
        "oa_document.report_oa_document_incoming",
        "oa.document.incoming",
        [("proposal", "!=", False)],
        "id",
        "oa_document",
        "print_incoming_slip.png",
    ),
    (
        "oa_training.report_certificate",
        "oa.training.enrolment",
        [("result", "=", "passed")],
        "id",
        "oa_training",
        "print_certificate.png",
    ),
    (
        "oa_assessment.report_assessment_notice",
        "oa.assessment",
        [("state", "=", "approved"), ("result", "=", "fail")],
        "id",
        "oa_assessment",
        "print_assessment_notice.png",
    ),
    (
        "oa_assessment.report_assessment_criticism",
        "oa.assessment.criticism",
        [],
        "id",
        "oa_assessment",
        "print_criticism.png",
    ),
]


class Session:
    def __init__(self, url, db, login, password):
        self.url, self.http = url, requests.Session()
        res = self.http.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=120,
        ).json()
        if "error" in res or not res["result"].get("uid"):
            raise SystemExit(f"{login}: log-in refused: {res.get('error')}")

    def search(self, model, domain, order):
        res = self.http.post(
            f"{self.url}/web/dataset/call_kw/{model}/search",
            json={
                "params": {
                    "model": model,
                    "method": "search",
                    "args": [domain],
                    "kwargs": {"limit": 1, "order": order},
                }
            },
            timeout=120,
        ).json()
        if "error" in res:
            raise SystemExit(f"{model}: {res['error']['data']['message']}")
        return res["result"]

    def pdf(self, report, ids):
        res = self.http.get(
            f"{self.url}/report/pdf/{report}/{','.join(map(str, ids))}",
            params={"context": '{"lang": "zh_CN"}'},
            timeout=300,
        )
        if res.status_code != 200 or not res.content.startswith(b"%PDF"):
            raise SystemExit(f"{report}: HTTP {res.status_code}")
        return res.content


def start_server(db, options):
    port = free_port()
    connection = []
    for flag, value in (
        ("--db_host", options.db_host),
        ("--db_user", options.db_user),
        ("--db_password", options.db_password),
    ):
        if value:
            connection += [flag, value]
    log = tempfile.NamedTemporaryFile(prefix="oa-samples-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            f"--addons-path={ADDONS_PATH}",
            "-d",
            db,
            f"--db-filter=^{db}$",
            *connection,
            f"--http-port={port}",
            "--workers=0",
            "--max-cron-threads=0",
            "--no-database-list",
        ],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(1)
    proc.terminate()
    raise SystemExit(f"the server did not start: see {log.name}")


def pages_png(pdf, resolution):
    """The PDF's pages side by side on a grey ground, as PNG bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "print.pdf")
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(resolution), "-png", str(path), f"{tmp}/page"],
            check=True,
        )
        pages = [
            Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("page*.png"))
        ]
        gap = 12
        width = sum(p.width for p in pages) + gap * (len(pages) + 1)
        height = max(p.height for p in pages) + 2 * gap
        sheet = Image.new("RGB", (width, height), (200, 200, 200))
        x = gap
        for page in pages:
            sheet.paste(page, (x, gap))
            x += page.width + gap
        out = io.BytesIO()
        sheet.save(out, format="PNG", optimize=True)
        return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--url")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--resolution", type=int, default=80)
    parser.add_argument("--db-host", default=os.environ.get("PGHOST"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER"))
    parser.add_argument("--db-password", default=os.environ.get("PGPASSWORD"))
    args = parser.parse_args()
    proc = None
    url = args.url
    if not url:
        proc, url = start_server(args.db, args)
    try:
        session = Session(url, args.db, args.login, args.password)
        for report, model, domain, order, addon, name in PRINTS:
            ids = session.search(model, domain, order)
            if not ids:
                print(f"SKIPPED {report}: no {model} in {args.db}")
                continue
            png = pages_png(session.pdf(report, ids), args.resolution)
            target = REPO / addon / "static" / "description" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
            print(f"{target.relative_to(REPO)}  ({report}, {model} {ids[0]})")
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
