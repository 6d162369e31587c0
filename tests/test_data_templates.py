"""The import templates in data/ load into a database with the suite, as a
customer would import them (Odoo's ``load``, what the import dialog uses)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def read_csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_units_and_users_import(odoo_run):
    unit_fields, unit_rows = read_csv("oa_units.csv")
    user_fields, user_rows = read_csv("oa_users.csv")
    out = odoo_run(
        f"""
units = env["hr.department"].load({unit_fields!r}, {unit_rows!r})
assert not units["messages"], units["messages"]
users = env["res.users"].load({user_fields!r}, {user_rows!r})
assert not users["messages"], users["messages"]
office = env.ref("oa_import.unit_office")
print("UNITS", len(units["ids"]), "USERS", len(users["ids"]), office.parent_id.name)
pilots = env["hr.department"].browse(units["ids"]).filtered("oa_is_pilot")
print("PILOTS", pilots.mapped("name"))
"""
    )
    line = next(line for line in out.splitlines() if line.startswith("UNITS"))
    assert line == f"UNITS {len(unit_rows)} USERS {len(user_rows)} 集团公司"
    pilots = next(line for line in out.splitlines() if line.startswith("PILOTS"))
    for name in (
        "公司办公室",
        "党群工作部",
        "人力资源部",
        "科技发展部",
        "信息技术中心",
        "股份总经办",
        "农装事业部",
    ):
        assert name in pilots


def test_plan_and_batches_templates_follow_the_notice():
    _fields, phases = read_csv("oa_rollout_plan.csv")
    assert [row[0] for row in phases] == [
        "确定公文流程",
        "培训与系统配置",
        "试运行",
        "正式运行与总结",
    ]
    _fields, batches = read_csv("oa_training_batches.csv")
    assert len(batches) == 6
    assert batches[0][1] == "2026-02-18"
    # the notice's 28–29 February: 2026 has no 29th, the demo batch ends on
    # 1 March; no two batches share a day
    assert batches[5][1:3] == ["2026-02-28", "2026-03-01"]
    for before, after in zip(batches, batches[1:], strict=False):
        assert before[2] < after[1], (before, after)
