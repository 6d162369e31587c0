"""Chinese first: every string of every addon has a zh_CN translation."""

import re
import sys
from pathlib import Path

import polib
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from oa_paths import addon_dir, addon_names  # noqa: E402

ADDONS = addon_names()


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_po_is_complete(addon):
    i18n = addon_dir(addon) / "i18n"
    pot = polib.pofile(str(i18n / f"{addon}.pot"))
    po = polib.pofile(str(i18n / "zh_CN.po"))
    translated = {
        entry.msgid for entry in po if entry.msgstr and "fuzzy" not in entry.flags
    }
    missing = [entry.msgid for entry in pot if entry.msgid not in translated]
    assert not missing, f"{addon}: untranslated in zh_CN.po: {missing}"


@pytest.mark.parametrize("addon", ADDONS)
def test_pot_matches_the_sources(addon, odoo_run, tmp_path):
    """The committed template is what Odoo exports from the installed addon
    now: a string added to the code without re-exporting fails here."""
    out = odoo_run(
        f"""
import io
from odoo.tools.translate import trans_export
buffer = io.BytesIO()
trans_export(False, [{addon!r}], buffer, "po", cr)
open({str(tmp_path / "export.pot")!r}, "wb").write(buffer.getvalue())
"""
    )
    assert out is not None
    exported = {
        entry.msgid
        for entry in polib.pofile(str(tmp_path / "export.pot"))
        # demo records (translatable names) are not part of the template
        if not all("_demo" in place for place, _line in entry.occurrences)
    }
    template = polib.pofile(str(addon_dir(addon) / "i18n" / f"{addon}.pot"))
    committed = {entry.msgid for entry in template}
    assert exported - committed == set(), "run `make pot`, translate the new strings"
    assert committed - exported == set(), "run `make pot`: stale strings in the .pot"


@pytest.mark.parametrize("addon", ADDONS)
def test_po_placeholders_match(addon):
    po = polib.pofile(str(addon_dir(addon) / "i18n" / "zh_CN.po"))
    pattern = re.compile(r"%\(\w+\)s|%s|%d")
    for entry in po:
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(
                pattern.findall(entry.msgstr)
            ), entry.msgid


@pytest.mark.parametrize("addon", ADDONS)
def test_every_python_file_is_extracted(addon):
    """Odoo extracts the strings of a Python file with babel, which evaluates
    every string token: an f-string in the file makes it give up on the whole
    file (logged as an ERROR during ``make pot``), and its messages stay in
    English.  Every file of the addon must be extractable."""
    from babel.messages.extract import extract

    failed = []
    for path in sorted(addon_dir(addon).rglob("*.py")):
        with open(path, "rb") as source:
            try:
                list(extract("python", source, keywords={"_": None, "_lt": None}))
            except Exception as error:  # noqa: BLE001 (any failure is the finding)
                failed.append(f"{path.relative_to(addon_dir(addon))}: {error}")
    assert not failed, f"{addon}: strings not extractable: {failed}"
