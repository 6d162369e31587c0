# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What receipts and supervision items read from their step rows
(``oa.flow.step``) rather than keep beside them: who did a step and when,
who holds the record now.  Each read is one query for all the records."""

from odoo.tools import SQL

from .common import flow_ended_text, holders_text, search_holders_domain

RES_ID = SQL.identifier("oa_flow_step", "res_id")


def record_ids(records):
    """The ids of ``records`` in the database (a form's new record: its
    origin's)."""
    return [rid for rid in records._origin.ids if rid]


def last_done_steps(records, step_types):
    """``{(record id, step type): step}``: the last done row of each of
    ``step_types`` of each record (superuser rows), in one query."""
    ids = record_ids(records)
    if not ids:
        return {}
    steps = (
        records.env["oa.flow.step"]
        .sudo()
        .search_fetch(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", ids),
                ("step_type", "in", list(step_types)),
                ("state", "=", "done"),
            ],
            ["res_id", "step_type", "acted_by_id", "on_behalf_of_id", "date_end"],
            order="date_end, id",
        )
    )
    # the later row of a step done twice (a returned feedback) wins
    return {(step.res_id, step.step_type): step for step in steps}


def search_step_date(model, step_type, operator, value):
    """Domain of the search on the date a step of ``model`` was done: a
    sub-query on its rows, however many records there are."""
    Step = model.env["oa.flow.step"].sudo()
    domain = [
        ("res_model", "=", model._name),
        ("step_type", "=", step_type),
        ("state", "=", "done"),
    ]
    if value is False or value is None:
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        query = Step._search(domain)
        return [("id", "in" if operator == "!=" else "not in", query.subselect(RES_ID))]
    # "not done on that date" includes "not done at all", as on a column
    negative = {"!=": "=", "not in": "in"}
    query = Step._search(
        [*domain, ("date_end", negative.get(operator, operator), value)]
    )
    return [("id", "not in" if operator in negative else "in", query.subselect(RES_ID))]


def pending_users(records):
    """``{record id: users}``: whom the pending step of each record waits
    for (its row's assigned users), in one query."""
    ids = record_ids(records)
    if not ids:
        return {}
    Step = records.env["oa.flow.step"]
    Step.flush_model(["res_model", "res_id", "state", "user_ids"])
    rows = records.env.execute_query(
        SQL(
            """
            SELECT s.res_id, array_agg(r.user_id ORDER BY r.user_id)
              FROM oa_flow_step s
              JOIN oa_flow_step_user_rel r ON r.step_id = s.id
             WHERE s.res_model = %s AND s.res_id IN %s AND s.state = 'pending'
             GROUP BY s.res_id
            """,
            records._name,
            tuple(ids),
        )
    )
    Users = records.env["res.users"]
    return {res_id: Users.browse(user_ids) for res_id, user_ids in rows}


def compute_holders(records):
    """``holder_ids`` and ``holder_display`` of ``records`` (当前办理人):
    the users their pending step waits for, each with his proxies, or that
    the flow has ended."""
    env = records.env
    Users = env["res.users"]
    holders = pending_users(records)
    everyone = Users.union(*holders.values()).with_env(env)
    proxies = env["oa.proxy"].sudo()._get_upcoming_proxies(everyone)
    for record in records:
        users = holders.get(record._origin.id, Users).with_env(env)
        if not users:
            record.holder_ids = False
            record.holder_display = flow_ended_text(env)
            continue
        substitutes = {user.id: proxies.get(user.id, Users) for user in users}
        record.holder_ids = users.union(*substitutes.values())
        record.holder_display = holders_text(env, users, substitutes)


def search_holders(model, operator, value):
    """Domain of the ``holder_ids`` search of ``model``: the records whose
    pending step the users may act on (its ``actor_ids``: assigned, or
    proxies of the assigned)."""

    def candidates(users):
        # who may act on a pending step: its users and their proxies
        query = (
            model.env["oa.flow.step"]
            .sudo()
            ._search(
                [
                    ("res_model", "=", model._name),
                    ("state", "=", "pending"),
                    ("actor_ids", "in", users.ids),
                ]
            )
        )
        return [("id", "in", query.subselect(RES_ID))]

    return search_holders_domain(model, operator, value, candidates)
