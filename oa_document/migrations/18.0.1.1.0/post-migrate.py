# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receipts and supervision items get their step rows (oa.flow.step): each
step done so far from the record's own who/when pairs, and the step it waits
for now, pending since the last one ended, with its deadline and its
to-dos."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

# state reached → (step done to reach it, who did it, when, opinion)
DONE = [
    ("receive", "received_by_id", "date_received", None),
    ("propose", "proposed_by_id", "date_proposed", "proposal"),
    ("instruct", "instructed_by_id", "date_instructed", "instruction"),
    ("start", "started_by_id", "date_started", None),
    ("finish", "done_by_id", "date_done", "feedback"),
    ("archive", "archived_by_id", "date_archived", None),
]


def _old_columns(cr, table, columns, ids):
    """``{id: {column: value}}``: the who/when columns the records had
    before the kernel (the fields read the rows since: a column of a
    database of before is read in SQL)."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    present = {row[0] for row in cr.fetchall()}
    columns = [column for column in columns if column in present]
    if not ids or not columns:
        return {}
    cr.execute(
        SQL(
            "SELECT id, %s FROM %s WHERE id IN %s",
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL.identifier(table),
            tuple(ids),
        )
    )
    return {row[0]: dict(zip(columns, row[1:], strict=True)) for row in cr.fetchall()}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the rows' step names and the to-dos' titles in the company's language
    # (stored text: the superuser's context has none, and they would stay
    # English in a Chinese database)
    env = env(context={"lang": env.company.partner_id.lang or "zh_CN"})
    Incoming = env["oa.document.incoming"]
    Step = env["oa.flow.step"]
    with_steps = set(Step.search([("res_model", "=", Incoming._name)]).mapped("res_id"))
    receipts = Incoming.search([("id", "not in", list(with_steps))])
    old = _old_columns(
        cr,
        Incoming._table,
        [name for _t, by, when, _o in DONE for name in (by, when)],
        receipts.ids,
    )
    vals_list = []
    for inc in receipts:
        start = inc.create_date
        values = old.get(inc.id, {})
        for sequence, (step_type, by, when, opinion) in enumerate(DONE):
            if not values.get(when):
                break
            actor = env["res.users"].browse(values.get(by) or [])
            vals_list.append(
                {
                    "res_model": Incoming._name,
                    "res_id": inc.id,
                    "step_type": step_type,
                    "name": inc._oa_step_label(step_type),
                    "sequence": sequence * 10,
                    "unit_id": inc.unit_id.id,
                    "state": "done",
                    "date_start": start,
                    "date_end": values[when],
                    "acted_by_id": actor.id,
                    "comment": inc[opinion] if opinion else False,
                    "user_ids": [(6, 0, actor.ids)],
                }
            )
            start = values[when]
    Step.create(vals_list)
    # the step each open receipt waits for now, with its to-dos
    from odoo.addons.oa_document.models.oa_document_incoming import STATE_STEP

    last_end = {}
    for vals in vals_list:
        last_end[vals["res_id"]] = vals["date_end"]
    for inc in receipts:
        step_type = STATE_STEP.get(inc.state)
        if step_type:
            inc._oa_step_open(
                step_type,
                inc._next_actors(),
                start=last_end.get(inc.id, inc.create_date),
            )

    _migrate_supervision(env)


def _migrate_supervision(env):
    Item = env["oa.supervision"]
    Step = env["oa.flow.step"]
    with_steps = set(Step.search([("res_model", "=", Item._name)]).mapped("res_id"))
    items = Item.search([("id", "not in", list(with_steps))])
    old = _old_columns(
        env.cr,
        Item._table,
        ["feedback_by_id", "date_feedback", "closed_by_id", "date_closed"],
        items.ids,
    )
    vals_list = []
    for item in items:
        values = old.get(item.id, {})
        date_feedback = values.get("date_feedback")
        feedback_by = env["res.users"].browse(values.get("feedback_by_id") or [])
        base = {"res_model": Item._name, "res_id": item.id, "state": "done"}
        base["unit_id"] = item.unit_id.id
        if date_feedback:
            vals_list.append(
                dict(
                    base,
                    step_type="feedback",
                    name=item._oa_step_label("feedback"),
                    sequence=0,
                    date_start=item.create_date,
                    date_end=date_feedback,
                    acted_by_id=feedback_by.id,
                    comment=item.feedback,
                    user_ids=[(6, 0, feedback_by.ids)],
                )
            )
        if values.get("date_closed"):
            vals_list.append(
                dict(
                    base,
                    step_type="accept",
                    name=item._oa_step_label("accept"),
                    sequence=10,
                    date_start=date_feedback or item.create_date,
                    date_end=values["date_closed"],
                    acted_by_id=values.get("closed_by_id"),
                    user_ids=[(6, 0, item.supervisor_id.ids)],
                )
            )
    Step.create(vals_list)
    for item in items.filtered(lambda i: i.state in ("open", "overdue")):
        item._oa_step_open(
            "feedback",
            item._feedback_users(),
            start=item.create_date,
            deadlines=item._feedback_deadlines(),
        )
    for item in items.filtered(lambda i: i.state == "submitted"):
        item._oa_step_open(
            "accept",
            item.supervisor_id,
            start=old.get(item.id, {}).get("date_feedback"),
        )
