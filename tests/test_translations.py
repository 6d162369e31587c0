"""Chinese first: every string of every addon has a zh_CN translation."""

from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.name for p in REPO.glob("oa_*") if (p / "__manifest__.py").exists())


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_po_is_complete(addon):
    i18n = REPO / addon / "i18n"
    pot = polib.pofile(str(i18n / f"{addon}.pot"))
    po = polib.pofile(str(i18n / "zh_CN.po"))
    translated = {
        entry.msgid for entry in po if entry.msgstr and "fuzzy" not in entry.flags
    }
    missing = [entry.msgid for entry in pot if entry.msgid not in translated]
    assert not missing, f"{addon}: untranslated in zh_CN.po: {missing}"


@pytest.mark.parametrize("addon", ADDONS)
def test_po_placeholders_match(addon):
    po = polib.pofile(str(REPO / addon / "i18n" / "zh_CN.po"))
    import re

    pattern = re.compile(r"%\(\w+\)s|%s|%d")
    for entry in po:
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(
                pattern.findall(entry.msgstr)
            ), entry.msgid
