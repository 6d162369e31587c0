"""Where the suite's addons live: the four product addons at the repository
root, the shared and glue addons (oa_base, oa_hr_holidays, oa_suite) under
``addons/``.  The one place the tools, tests and benches take this from."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# addons/ first: Odoo names the module of a source file after the first
# addons path containing it, and the repository root contains addons/ too
# (translation export would file addons/oa_x/*.py under a module "addons").
ADDON_ROOTS = (REPO / "addons", REPO)


def addon_dirs():
    """Every oa_* addon folder of the repository, sorted by name."""
    found = [
        path
        for root in ADDON_ROOTS
        for path in root.glob("oa_*")
        if (path / "__manifest__.py").exists()
    ]
    return sorted(found, key=lambda p: p.name)


def addon_names():
    return [p.name for p in addon_dirs()]


def test_addon_names():
    """The addons that exist for the tests only (``addons/test_oa_*``: the
    example flow of the kernel): installed and tested by ``make test``,
    never shipped, no translations."""
    return sorted(
        path.name
        for path in (REPO / "addons").glob("test_oa_*")
        if (path / "__manifest__.py").exists()
    )


def addon_dir(name):
    for path in addon_dirs():
        if path.name == name:
            return path
    raise KeyError(f"no addon {name} in {', '.join(map(str, ADDON_ROOTS))}")


def repo_addons_path():
    """The repository's part of Odoo's --addons-path."""
    return ",".join(str(root) for root in ADDON_ROOTS)
