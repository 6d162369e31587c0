#!/usr/bin/env python3
"""Install Odoo 18.0 from its source tree into this machine's python3.

Usage: install_odoo.py SOURCE_DIR

Odoo 18 is not published on PyPI, so users install it from the upstream
source.  Its ``requirements.txt`` pins the versions shipped by Debian 12 /
Ubuntu 24.04; some of those pins have no wheel (and no longer build) on a
given Python.  For each such pin we take the nearest release that installs:
same minor series first (``~=X.Y.Z``), then the same major (``~=X.Y``).

The tree is installed in setuptools' ``compat`` editable mode so that the
tree itself is on ``sys.path``; otherwise OCA addons installed from PyPI
(which live in ``odoo/addons`` of site-packages) would shadow Odoo itself.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # a bare python3: pip vendors packaging
    try:
        from pip._vendor.packaging.requirements import Requirement
    except ImportError:
        sys.exit(f"{sys.executable} has no pip: install python3-pip first")

PIP = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q"]


def pip(*args):
    return subprocess.run([*PIP, *args], check=False).returncode == 0


def fallbacks(req):
    """Yield requirement strings to try, nearest first."""
    yield str(req).split(";")[0].strip()
    pins = [s.version for s in req.specifier if s.operator == "=="]
    if not pins:
        return
    parts = pins[0].split(".")
    for keep in (3, 2):
        if len(parts) >= keep:
            yield f"{req.name}~={'.'.join(parts[:keep])}"


def main(source):
    source = Path(source).resolve()
    if not (source / "odoo" / "release.py").exists():
        sys.exit(f"{source} is not an Odoo source tree (no odoo/release.py)")
    wanted = []
    for line in (source / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            wanted.append(req)
    # Some sdists still import pkg_resources (gone in setuptools 81); gevent
    # (the bus process of prefork mode) resolves its plugins with it, and a
    # setuptools older than 70 cannot match the normalised dist-info names of
    # current wheels (zope_interface): `odoo-bin gevent` then dies at start.
    pip("--upgrade", "setuptools>=70,<81", "wheel")
    # The isolated build environments of sdists (python-ldap's setup.py
    # imports pkg_resources) take the newest setuptools unless a constraint
    # reaches them: pip passes PIP_CONSTRAINT on to the builds it starts.
    constraints = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "w", suffix=".txt", delete=False
    )
    with constraints:
        constraints.write("setuptools<81\n")
        # the constraints already in force (environment, pip's configuration)
        listed = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        configured = [
            line.split("=", 1)[1].strip("'\"")
            for line in listed
            if line.split("=", 1)[0].endswith(".constraint")
        ]
        for old in [*os.environ.get("PIP_CONSTRAINT", "").split(), *configured]:
            if Path(old).is_file():
                constraints.write(Path(old).read_text() + "\n")
    os.environ["PIP_CONSTRAINT"] = constraints.name
    if not pip(*(str(r).split(";")[0] for r in wanted)):
        for req in wanted:
            for spec in fallbacks(req):
                if pip(spec) or pip("--only-binary=:all:", spec):
                    print(f"installed {spec}")
                    break
            else:
                sys.exit(f"cannot install {req}")
    # --use-pep517: pip < 23.3 ignores --config-settings for a setup.py
    # project unless it builds through setuptools' PEP 517 backend.
    if not pip(
        "--no-deps",
        "--use-pep517",
        "--config-settings",
        "editable_mode=compat",
        "-e",
        str(source),
    ):
        sys.exit("editable install of Odoo failed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
