#!/usr/bin/env python3
"""Build ``<addon>/README.rst`` from its ``readme/*.md`` fragments.

A small stand-in for OCA's ``oca-gen-addon-readme`` (not installable from
PyPI): sections in the OCA order, Markdown inline code turned into RST
literals.  Never edit README.rst by hand; run ``python3 tools/gen_readme.py``.
"""

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from oa_paths import addon_dirs  # noqa: E402
SECTIONS = [
    ("DESCRIPTION", None),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("DEVELOP", "Development"),
    ("CONTRIBUTORS", "Contributors"),
    ("CREDITS", "Other credits"),
    ("HISTORY", "Changelog"),
]


def md_to_rst(text):
    """Inline code and fenced code blocks; the rest of our Markdown
    (paragraphs, bullets, **bold**, *italics*) is valid RST as it is."""
    out, fence, indent = [], None, ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("```"):
            if fence is None:
                fence = len(line) - len(stripped)
                indent = line[:fence]
                out += [f"{indent}.. code-block:: {stripped[3:].strip() or 'text'}", ""]
            else:
                fence = None
                out.append("")
            continue
        if fence is not None:
            out.append(f"{indent}   {line[fence:]}" if line.strip() else "")
            continue
        out.append(re.sub(r"(?<!`)`([^`\n]+)`(?!`)", r"``\1``", line))
    return "\n".join(out).strip() + "\n"


def heading(title, char):
    width = sum(2 if ord(c) > 0x2E80 else 1 for c in title)
    return f"{title}\n{char * width}\n\n"


def build(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    out = [heading(manifest["name"], "="), f"{manifest['summary']}\n\n"]
    out.append(
        f"*Version* ``{manifest['version']}`` · *License* {manifest['license']}\n\n"
    )
    out.append(".. contents::\n   :local:\n\n")
    for name, title in SECTIONS:
        fragment = addon / "readme" / f"{name}.md"
        if not fragment.exists():
            continue
        if title:
            out.append(heading(title, "="))
        out.append(md_to_rst(fragment.read_text()) + "\n")
    return "".join(out).rstrip() + "\n"


def main(paths):
    addons = [REPO / p for p in paths] or addon_dirs()
    changed = False
    for addon in addons:
        addon = addon if addon.is_dir() else addon.parent
        if not (addon / "readme" / "DESCRIPTION.md").exists():
            continue
        target = addon / "README.rst"
        text = build(addon)
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
            print(f"wrote {target.relative_to(REPO)}")
            changed = True
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
