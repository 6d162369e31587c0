#!/usr/bin/env python3
"""Build the web client's asset bundles before the server takes requests.

Odoo builds a bundle (minified JS and CSS, stored as attachments) on the
first request that needs it: on a new database or after an upgrade, the
first person to open the OA waited 14 s.  ``make run``, ``make serve`` and
the Docker image run this first (a few seconds; nothing to do when the
bundles are current).

    python3 tools/build_assets.py ODOO_OPTIONS...   (-d DB, --db_host, -c ...)
"""

import subprocess
import sys

# the login page, the web client (and its print styles), the reports
BUNDLES = (
    "web.assets_frontend",
    "web.assets_web",
    "web.assets_web_print",
    "web.report_assets_common",
)

SCRIPT = f"""
QWeb = env["ir.qweb"]
for name in {BUNDLES!r}:
    bundle = QWeb._get_asset_bundle(name)
    bundle.css()
    bundle.js()
env.cr.commit()
print("assets built:", ", ".join({BUNDLES!r}))
"""


def build_assets(options):
    """Run the build with the server's ``options`` (its database and
    configuration); returns the exit code (a failure does not stop the
    server: Odoo then builds them on the first request)."""
    return subprocess.run(
        [sys.executable, "-m", "odoo", "shell", *options, "--no-http"],
        input=SCRIPT,
        text=True,
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(build_assets(sys.argv[1:]))
