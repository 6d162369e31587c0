"""Each addon's README.rst is generated from its readme/ fragments and is
valid reStructuredText (Odoo renders it on the Apps page)."""

import sys
from pathlib import Path

import docutils.core
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from gen_readme import build  # noqa: E402
from oa_paths import addon_dirs  # noqa: E402

ADDONS = addon_dirs()


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_readme_is_generated_and_valid(addon):
    readme = addon / "README.rst"
    assert readme.read_text() == build(addon), "run python3 tools/gen_readme.py"
    docutils.core.publish_string(
        readme.read_text(),
        writer_name="null",
        settings_overrides={"report_level": 2, "halt_level": 2},
    )
