# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Steps are rows: one row per step of a record's flow, as it really ran —
who was asked, who acted (and for whom), when it became pending and when it
was done, its deadline, the opinion written.

``oa.flow.step`` is the step row of every flow: the outgoing document's
(its countersigns are parallel rows of one sequence, a return opens the
steps again as new rows), the receipts', the supervision items' and any
flow declared with ``oa.flow.mixin``.  Nobody but the flow writes a step:
every stored field is the flow's."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.query import Query

from ..tools.cache import forget

# what closing a row writes besides its state (``_close_sql``)
CLOSE_FIELDS = [
    "acted_by_id",
    "on_behalf_of_id",
    "comment",
    "date_end",
    "waiting_hours",
    "write_uid",
    "write_date",
]

STEP_STATES = [
    ("waiting", "Waiting"),
    ("pending", "Pending"),
    ("done", "Done"),
    ("returned", "Returned"),
    ("cancel", "Cancelled"),
]


class OaFlowStep(models.Model):
    """The step row of every flow: the record is ``res_model``/``res_id``;
    whoever may read the record reads its steps (as for ``mail.activity``),
    nobody but the flow writes them."""

    _name = "oa.flow.step"
    _inherit = "oa.flow.guard"
    _description = "Flow Step"
    _order = "res_model, res_id, sequence, id"
    _rec_name = "name"
    # a step records what the flow did: every stored field is the flow's
    _oa_flow_fields = "__all__"

    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", required=True, index=True
    )
    record_name = fields.Char(compute="_compute_record_name")
    step_type = fields.Char(required=True, index=True)
    name = fields.Char(string="Step", required=True)
    # their proxies act for them within their windows (``_can_act``) and
    # get a copy of their to-do
    user_ids = fields.Many2many(
        "res.users",
        "oa_flow_step_user_rel",
        "step_id",
        "user_id",
        string="Assigned To",
    )
    working_days = fields.Float(
        string="Time Limit (working days)",
        help="The time limit the deadline was computed from, in working days "
        "of the company calendar (0: no limit).",
    )

    sequence = fields.Integer(required=True, default=10)
    unit_id = fields.Many2one(
        "hr.department", string="Acting Unit", help="The unit acting at this step."
    )
    state = fields.Selection(STEP_STATES, required=True, default="waiting", index=True)
    acted_by_id = fields.Many2one("res.users", string="Acted By")
    on_behalf_of_id = fields.Many2one(
        "res.users", string="On Behalf Of", help="Set when a proxy acted."
    )
    actor_display = fields.Char(string="Actor", compute="_compute_actor_display")
    comment = fields.Text(
        string="Opinion",
        help="The opinion the actor wrote when he acted (审核意见、签发意见…), or "
        "the reason when he returned the record.",
    )
    date_start = fields.Datetime(string="Started")
    date_end = fields.Datetime(string="Ended")
    date_deadline = fields.Datetime(string="Deadline", index=True)
    waiting_hours = fields.Float(
        string="Waiting Time (h)",
        compute="_compute_waiting_hours",
        store=True,
        aggregator="avg",
        digits=(16, 2),
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    actor_ids = fields.Many2many(
        "res.users",
        "oa_flow_step_actor_rel",
        "step_id",
        "user_id",
        string="May Act",
        help="The assigned users and their proxies whose window is not over "
        "(they read the record; acting is checked against the exact window).",
    )

    def init(self):
        # a step of a record is open once at a time for each acting unit
        # (countersigns of several units are parallel rows), even when two
        # people act at the same instant (the second transaction fails)
        self.env.cr.execute(
            SQL(
                "DROP INDEX IF EXISTS oa_flow_step_one_pending;"
                " CREATE UNIQUE INDEX IF NOT EXISTS oa_flow_step_one_pending_unit"
                " ON oa_flow_step (res_model, res_id, step_type, COALESCE(unit_id, 0))"
                " WHERE state = 'pending'"
            )
        )

    def _compute_record_name(self):
        names = {}
        by_model = defaultdict(set)
        for step in self:
            by_model[step.res_model].add(step.res_id)
        for model, ids in by_model.items():
            for record in self.env[model].sudo().browse(ids).exists():
                names[model, record.id] = record.display_name
        for step in self:
            step.record_name = names.get((step.res_model, step.res_id), False)

    # ---- CRUD: every field of a step is the flow's ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Steps are created by the flow only."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("The steps of a flow are never deleted."))

    # ---- Compute ----

    @api.depends("date_start", "date_end")
    def _compute_waiting_hours(self):
        for step in self:
            if step.date_start and step.date_end:
                delta = step.date_end - step.date_start
                step.waiting_hours = delta.total_seconds() / 3600
            else:
                step.waiting_hours = 0.0

    @api.depends("acted_by_id", "on_behalf_of_id")
    def _compute_actor_display(self):
        for step in self:
            if step.on_behalf_of_id:
                step.actor_display = self.env._(
                    "%(proxy)s on behalf of %(user)s",
                    proxy=step.acted_by_id.name,
                    user=step.on_behalf_of_id.name,
                )
            else:
                step.actor_display = step.acted_by_id.name or False

    @api.depends("state", "date_deadline", "date_end")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for step in self:
            end = step.date_end or now
            step.is_overdue = bool(
                step.date_deadline
                and step.state in ("pending", "done")
                and end > step.date_deadline
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        # open past the deadline, or closed after it: a sub-query, so that
        # no list of ids is fetched however many steps there are
        self.flush_model(["state", "date_deadline", "date_end"])
        query = Query(self.env, self._table, self._table_sql)
        table = SQL.identifier(self._table)
        query.add_where(
            SQL(
                "%(t)s.date_deadline IS NOT NULL AND %(t)s.state IN ('pending', 'done')"
                " AND COALESCE(%(t)s.date_end, %(now)s) > %(t)s.date_deadline",
                t=table,
                now=fields.Datetime.now(),
            )
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query)]

    # ---- Business methods ----

    def _with_proxies(self, proxies):
        """The assigned users of this step and their proxies (``proxies``:
        ``{user_id: users}`` of ``oa.proxy._get_upcoming_proxies``)."""
        self.ensure_one()
        actors = self.user_ids
        for user in self.user_ids:
            actors |= proxies.get(user.id, self.env["res.users"])
        return actors

    def _can_act(self, user):
        """The user is assigned, or acts now for an assigned user.  Returns
        the assigned user he acts as, or an empty recordset."""
        self.ensure_one()
        return self.env["oa.proxy"].sudo()._acting_as(user, self.user_ids)

    def _refresh_actors(self, proxies=None):
        """actor_ids (who may read the record) = assigned users + their
        proxies whose window is not over; acting itself is checked against
        the exact window by ``_can_act``.  One statement for all the steps."""
        pending = self.sudo().filtered(lambda s: s.state == "pending")
        if not pending:
            return
        if proxies is None:
            proxies = (
                self.env["oa.proxy"].sudo()._get_upcoming_proxies(pending.user_ids)
            )
        pairs = sorted(
            {
                (step.id, actor.id)
                for step in pending
                for actor in step._with_proxies(proxies)
            }
        )
        self.flush_model(["actor_ids"])
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM oa_flow_step_actor_rel WHERE step_id = ANY(%(ids)s);
                INSERT INTO oa_flow_step_actor_rel (step_id, user_id)
                SELECT * FROM unnest(%(steps)s::int[], %(users)s::int[])
                """,
                ids=pending.ids,
                steps=[step_id for step_id, _user in pairs],
                users=[user_id for _step, user_id in pairs],
            )
        )
        # the cache holds what was written (the holders read it next)
        actors = defaultdict(list)
        for step_id, user_id in pairs:
            actors[step_id].append(user_id)
        self.env.cache.update(
            pending,
            self._fields["actor_ids"],
            [tuple(actors[step.id]) for step in pending],
        )

    def _cancel(self):
        self.sudo().write({"state": "cancel"})

    def _close_sql(self, user, principal, comment=False, state="done"):
        """The statement closing these rows (``RETURNING id``): who acted, for
        whom, when, his opinion, the time the step waited."""
        now = fields.Datetime.now()
        return SQL(
            """
            UPDATE oa_flow_step
               SET state = %(state)s, acted_by_id = %(user)s,
                   on_behalf_of_id = %(principal)s, comment = %(comment)s,
                   date_end = %(now)s,
                   waiting_hours = COALESCE(
                       EXTRACT(EPOCH FROM %(now)s - date_start) / 3600, 0),
                   write_uid = %(uid)s, write_date = %(written)s
             WHERE id = ANY(%(ids)s)
         RETURNING id
            """,
            # the ORM's write date: the transaction's time
            written=self.env.cr.now(),
            state=state,
            user=user.id,
            principal=principal.id if principal != user else None,
            comment=comment or None,
            now=now,
            uid=self.env.uid,
            ids=list(self.ids),
        )

    def _close(self, user, principal, comment=False, state="done"):
        """Close these rows (one statement)."""
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(self._close_sql(user, principal, comment, state))
        self._oa_cache_state(state, CLOSE_FIELDS)

    def _oa_cache_state(self, state, written):
        """These rows were moved to ``state`` in SQL: the cache says so (the
        flow reads the state next), and forgets the ``written`` fields and
        what is computed from them; not the rows' ``res_id``, whose
        invalidation would also forget every record's step lists."""
        forget(self, [*written, "actor_display", "is_overdue"])
        self.env.cache.update(self, self._fields["state"], [state] * len(self))

    # ---- Access: the record's ----

    def _check_access(self, operation):
        """Reading a step is reading its record; nothing else is allowed
        but to the flow (the superuser), whatever the access rights say."""
        result = super()._check_access(operation)
        if operation != "read" or not self or self.env.su:
            return result
        steps = self - result[0] if result else self
        by_model = defaultdict(lambda: defaultdict(list))
        for step in steps.sudo():
            by_model[step.res_model][step.res_id].append(step.id)
        forbidden = []
        for model, step_ids in by_model.items():
            records = self.env[model].browse(step_ids)
            if refused := records._check_access("read"):
                for record in refused[0]:
                    forbidden.extend(step_ids[record.id])
        if not forbidden:
            return result
        forbidden = self.browse(forbidden)
        if result:
            return (result[0] + forbidden, result[1])
        return (forbidden, lambda: forbidden._make_access_error("read"))

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Only the steps of records the user may read."""
        if self.env.su:
            return super()._search(domain, offset, limit, order)
        query = super()._search(domain, offset, limit, order)
        rows = self.env.execute_query(
            query.select(
                *[
                    self._field_to_sql(self._table, name)
                    for name in ("id", "res_model", "res_id")
                ]
            )
        )
        ids_by_model = defaultdict(set)
        for _id, model, res_id in rows:
            ids_by_model[model].add(res_id)
        allowed = {
            model: set(self.env[model].browse(ids)._filtered_access("read")._ids)
            for model, ids in ids_by_model.items()
        }
        return self.browse(
            step_id for step_id, model, res_id in rows if res_id in allowed[model]
        )._as_query(order)
