# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The flow kernel: a model declares its steps, the kernel gives it step
rows with deadlines, to-dos for the actors and their proxies, completed
to-dos in the actors' 已办, and the flow guard.

    class MyFlow(models.Model):
        _name = "my.flow"
        _inherit = ["oa.flow.mixin", "mail.thread", "mail.activity.mixin"]
        _oa_flow_steps = {"check": (_lt("Check"), 1), "sign": (_lt("Sign"), 2)}
        _oa_flow_fields = ("state",)

        def action_check(self):                  # button, RPC
            for rec in self:
                principal = rec._check_can_check()
                rec._do_check(principal)

        def _check_can_check(self):             # the guard; raises
            return self._oa_step_check_actor("check")

        def _do_check(self, principal):         # the only writer
            self.sudo().state = "checked"
            self._oa_step_advance(principal, "sign", self.manager_id)

See ``readme/DESCRIPTION.md`` and the example flow of ``test_oa_flow``."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.cache import forget
from ..tools.local_time import company_tz, to_local
from .oa_flow_step import CLOSE_FIELDS


class OaFlowMixin(models.AbstractModel):
    _name = "oa.flow.mixin"
    _inherit = ["oa.flow.guard", "oa.todo.mixin"]
    _description = "OA Flow"

    # {step_type: (label (an _lt), time limit in working days by default)}
    _oa_flow_steps = {}
    # fields computed from the step rows (who did a step and when, who holds
    # the record): read again whenever the kernel changes the rows in SQL
    _oa_step_read_fields = ()

    oa_step_ids = fields.One2many(
        "oa.flow.step",
        "res_id",
        string="Flow Steps",
        domain=lambda self: [("res_model", "=", self._name)],
        readonly=True,
        # a sub-query in searches ("my pending steps"): reading the steps is
        # reading the record, whose own rules the search applies
        auto_join=True,
        help="Every step of the flow as it ran: who was asked, who acted and "
        "for whom, when, the deadline, the opinion.",
    )
    oa_flow_block_message = fields.Char(
        string="Why You Cannot Act",
        compute="_compute_oa_flow_block_message",
        help="Why the current user may not act in the flows now.",
    )

    @api.model
    def _oa_protected_fields(self):
        return super()._oa_protected_fields() | {"oa_step_ids"}

    # ---- What a flow may override ----

    def _oa_flow_unit(self):
        """The unit acting on this record (its deadlines are the unit's)."""
        self.ensure_one()
        if "unit_id" in self._fields:
            return self["unit_id"]
        return self.env["hr.department"]

    def _oa_step_todo_summary(self, label):
        """The title of the to-do of the step ``label`` of this record."""
        return self.env._(
            "%(step)s: %(title)s", step=label, title=self.sudo().display_name
        )

    # ---- Steps ----

    def _oa_step_label(self, step_type):
        return self.env._(self._oa_flow_steps[step_type][0])

    def _oa_steps_pending(self, step_type=None):
        """The pending steps of these records (of ``step_type`` only)."""
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("state", "=", "pending"),
        ]
        if step_type:
            domain.append(("step_type", "=", step_type))
        return self.env["oa.flow.step"].sudo().search(domain)

    def _oa_step_open(
        self,
        step_type,
        users_by_record,
        todo=True,
        start=None,
        closing=None,
        deadlines=None,
        complete=None,
    ):
        """Open ``step_type`` on these records: one pending row each, with
        its deadline (the unit's time limit, working days) and its actors
        (``users_by_record``: users, or ``{record id: users}``); to-dos for
        them and their proxies, due on the deadline's day.  Batched: a few
        queries whatever the number of records (limits and deadlines are
        cached).
        ``start``: when the step became pending (now by default);
        ``closing``: the statement closing the step done
        (``_oa_step_close_sql``), run in the same statement; ``deadlines``:
        ``{record id: deadline}`` set by the record itself (a supervision
        item's date), instead of the time limit; ``complete``: users whose
        open to-dos of these records are completed (the step's actor)."""
        if not self:
            return self.env["oa.flow.step"]
        label, default_days = self._oa_flow_steps[step_type]
        label = self.env._(label)
        now = start or fields.Datetime.now()
        if not isinstance(users_by_record, dict):
            users_by_record = {rec.id: users_by_record for rec in self}
        people = self.env["res.users"].union(*users_by_record.values())
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(people)
        units = {rec.id: rec._oa_flow_unit() for rec in self.sudo()}
        limits = self.env["oa.flow.deadline"]._oa_limits(self._name, step_type)
        Calendar = self.env["resource.calendar"]
        limit_deadlines = {}
        rows = []
        todos = []
        for rec in self:
            unit = units[rec.id]
            users = users_by_record.get(rec.id, people.browse())
            days = limits.get(unit.id, limits.get(False, default_days))
            if deadlines and rec.id in deadlines:
                days, deadline = 0, deadlines[rec.id]
            else:
                if days not in limit_deadlines:
                    limit_deadlines[days] = Calendar._oa_company_deadline(now, days)
                deadline = limit_deadlines[days]
            rows.append((rec.id, unit.id or None, deadline, days))
            todos.append(
                (
                    rec,
                    users,
                    rec._oa_step_todo_summary(label),
                    {"date_deadline": self._oa_todo_day(deadline)},
                )
            )
        # who may act: the assigned users and their proxies (they read it)
        may_act = sorted(
            {
                (rec_id, actor.id)
                for rec_id, users in users_by_record.items()
                for user in users
                for actor in user | proxies.get(user.id, user.browse())
            }
        )
        # one statement: the rows, their assigned users and actors (the hot path of
        # every flow, and a distribution opens one per receiving unit)
        self.env["oa.flow.step"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH closed AS (%(closing)s), step AS (
                    INSERT INTO oa_flow_step
                           (res_model, res_id, step_type, name, sequence, unit_id,
                            state, date_start, date_deadline, working_days,
                            waiting_hours, create_uid, write_uid, create_date,
                            write_date)
                    SELECT %(model)s, r.res_id, %(type)s, %(name)s, %(seq)s,
                           r.unit_id, 'pending', %(now)s, r.deadline, r.days, 0,
                           %(uid)s, %(uid)s, %(written)s, %(written)s
                      FROM unnest(%(ids)s::int[], %(units)s::int[],
                                  %(deadlines)s::timestamp[], %(days)s::float8[])
                           AS r(res_id, unit_id, deadline, days)
                    RETURNING id, res_id
                ), assigned AS (
                    INSERT INTO oa_flow_step_user_rel (step_id, user_id)
                    SELECT step.id, a.user_id
                      FROM step
                      JOIN unnest(%(a_ids)s::int[], %(a_users)s::int[])
                           AS a(res_id, user_id) ON a.res_id = step.res_id
                ), actors AS (
                    INSERT INTO oa_flow_step_actor_rel (step_id, user_id)
                    SELECT DISTINCT step.id, a.user_id
                      FROM step
                      JOIN unnest(%(p_ids)s::int[], %(p_users)s::int[])
                           AS a(res_id, user_id) ON a.res_id = step.res_id
                )
                SELECT id FROM step
                 UNION ALL
                SELECT -id FROM closed
                """,
                closing=closing or SQL("SELECT NULL::int AS id WHERE FALSE"),
                model=self._name,
                type=step_type,
                name=label,
                seq=list(self._oa_flow_steps).index(step_type) * 10,
                now=now,
                # the ORM's create and write dates: the transaction's time
                written=self.env.cr.now(),
                uid=self.env.uid,
                ids=[row[0] for row in rows],
                units=[row[1] for row in rows],
                deadlines=[row[2] or None for row in rows],
                days=[row[3] for row in rows],
                a_ids=[
                    rec_id for rec_id, users in users_by_record.items() for _u in users
                ],
                a_users=[u.id for users in users_by_record.values() for u in users],
                p_ids=[rec_id for rec_id, user_id in may_act],
                p_users=[user_id for rec_id, user_id in may_act],
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        steps = self.env["oa.flow.step"].browse(i for i in ids if i > 0)
        # closed by _oa_step_close_sql
        self.env["oa.flow.step"].browse(-i for i in ids if i < 0)._oa_cache_state(
            "done", CLOSE_FIELDS
        )
        self._oa_steps_changed()
        if todo:
            self._oa_todo_set(todos, proxies=proxies, complete=complete)
        return steps

    @api.model
    def _oa_todo_day(self, deadline):
        """The due date of a to-do for a step with ``deadline`` (a local
        midnight: the day before it, the company's day); today without."""
        if not deadline:
            return False
        return to_local(
            self.env, deadline - timedelta(seconds=1), company_tz(self.env)
        ).date()

    def _oa_step_todos(self, steps, proxies=None, complete=None):
        """To-dos of the pending ``steps`` for their users and proxies, due
        on the day of the deadline (the assignee's day) or today;
        ``complete``: users whose open to-dos are completed."""
        todos = [
            (
                self.browse(step.res_id),
                step.user_ids,
                self.browse(step.res_id)._oa_step_todo_summary(step.name),
                {"date_deadline": self._oa_todo_day(step.date_deadline)},
            )
            for step in steps
        ]
        self._oa_todo_set(todos, proxies=proxies, complete=complete)

    def _oa_step_close_sql(self, principal, comment=False, step_type=None):
        """The statement closing the pending step of these records (``RETURNING
        id``): the row records who acted, for whom, when, his opinion."""
        user = self.env.user
        now = fields.Datetime.now()
        return SQL(
            """
            UPDATE oa_flow_step
               SET state = 'done', acted_by_id = %(user)s,
                   on_behalf_of_id = %(principal)s, comment = %(comment)s,
                   date_end = %(now)s,
                   waiting_hours = EXTRACT(EPOCH FROM %(now)s - date_start) / 3600,
                   write_uid = %(user)s, write_date = %(written)s
             WHERE res_model = %(model)s AND res_id IN %(ids)s
               AND state = 'pending' %(type)s
         RETURNING id
            """,
            user=user.id,
            principal=principal.id if principal != user else None,
            comment=comment or None,
            now=now,
            written=self.env.cr.now(),
            model=self._name,
            ids=tuple(self.ids),
            type=SQL("AND step_type = %s", step_type) if step_type else SQL(),
        )

    def _oa_step_close(self, principal, comment=False, step_type=None, todo=True):
        """The current user (for ``principal``) did the pending step of
        these records: the row records it (one statement); his to-do is
        completed (his 已办) and, with ``todo``, the others' removed (else
        the next step's replace them)."""
        if self.ids:
            Step = self.env["oa.flow.step"]
            Step.flush_model()
            self.env.cr.execute(self._oa_step_close_sql(principal, comment, step_type))
            Step.browse(row[0] for row in self.env.cr.fetchall())._oa_cache_state(
                "done", CLOSE_FIELDS
            )
            self._oa_steps_changed()
        if todo:
            self._oa_todo_close()
        else:
            self._oa_todo_complete()

    def _oa_step_advance(
        self, principal, next_type=None, next_users=None, comment=False
    ):
        """Close the pending step and open ``next_type`` for ``next_users``
        (the flow ends without one): one statement for both rows."""
        if not next_type or not self.ids:
            self._oa_step_close(principal, comment)
            return self.env["oa.flow.step"]
        closing = self._oa_step_close_sql(principal, comment)
        # his to-do completed in the search handing the next ones out
        return self._oa_step_open(
            next_type,
            next_users or self.env["res.users"],
            closing=closing,
            complete=self._oa_todo_completing(),
        )

    def _oa_step_reassign(self, users_by_record, deadlines=None):
        """The pending step of these records now waits for other users
        (``{record id: users}``) or until another deadline (``{record id:
        deadline}``): the rows and the to-dos follow."""
        steps = self._oa_steps_pending()
        for step in steps:
            vals = {}
            users = users_by_record.get(step.res_id)
            if users is not None:
                vals["user_ids"] = [fields.Command.set(users.ids)]
            if deadlines and step.res_id in deadlines:
                vals["date_deadline"] = deadlines[step.res_id]
            if vals:
                step.write(vals)
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        steps._refresh_actors(proxies)
        self._oa_steps_changed()
        self._oa_step_todos(steps, proxies)
        return steps

    def _oa_step_log(self, body, subtype_xmlid=False):
        """The message of the step just done (what, by whom, the opinion)
        goes with the state change it made: one message, posted at commit
        with the tracking (``subtype_xmlid``: the subtype that change posts
        under).  No step's message is lost: when an earlier step of the
        same transaction already queued its message (server code doing
        several steps at once), that one is posted now; where no tracking
        message comes at commit (the step left every tracked field as it
        was, or tracking is off), the message is posted on its own then
        (``_oa_step_log_flush``)."""
        logged = self.env.cr.precommit.data.setdefault(
            f"oa.flow.step_log.{self._name}", {}
        )
        if not logged:
            self.env.cr.precommit.add(self._oa_step_log_flush)
        author = self.env.user.partner_id
        for record in self:
            if record.id in logged:
                record._oa_step_log_post(*logged[record.id])
            logged[record.id] = (body, subtype_xmlid, author.id)
        self._track_set_log_message(body)

    def _oa_step_log_post(self, body, subtype_xmlid, author_id):
        self.sudo().message_post(
            body=body,
            subtype_xmlid=subtype_xmlid or "mail.mt_note",
            author_id=author_id,
        )

    def _message_track(self, fields_iter, initial_values_dict):
        # a record with a tracked change got its step's message as the body
        # of the tracking message: nothing left to post for it
        tracking = super()._message_track(fields_iter, initial_values_dict)
        logged = self.env.cr.precommit.data.get(f"oa.flow.step_log.{self._name}", {})
        for record_id, (changes, _values) in tracking.items():
            if changes:
                logged.pop(record_id, None)
        return tracking

    def _oa_step_log_flush(self):
        """At commit, after mail's tracking: post the step messages that no
        tracking message carried."""
        data = self.env.cr.precommit.data
        if f"mail.tracking.{self._name}" in data:
            # mail's tracking of this model is queued after this hook
            self.env.cr.precommit.add(self._oa_step_log_flush)
            return
        logged = data.pop(f"oa.flow.step_log.{self._name}", {})
        # nor will a later tracking message carry them again
        bodies = data.get(f"mail.tracking.message.{self._name}", {})
        for record in self.browse(list(logged)).sudo().exists():
            bodies.pop(record.id, None)
            record._oa_step_log_post(*logged[record.id])
        self.env.flush_all()

    def _oa_steps_changed(self):
        """The kernel changed the step rows of these records in SQL: the
        records' step lists and what they read from the rows are read
        again (``_oa_step_read_fields``)."""
        forget(self, ["oa_step_ids", *self._oa_step_read_fields])

    def _oa_subtype(self, xmlid):
        """The subtype ``xmlid``, for ``_track_subtype``: from the cached XML
        ids (``env.ref`` checks in a query that the row exists; mail checks
        the subtype it is given once more)."""
        return self.env["mail.message.subtype"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=True)
        )

    def _oa_step_check_actor(self, step_type):
        """The user the current user acts as on the pending ``step_type``
        (himself, or his principal in a proxy window), or an AccessError;
        also refused while the user may not act at all (flow block)."""
        self.ensure_one()
        user = self.env.user
        if self.env.su:
            return user
        step = self._oa_steps_pending(step_type)[:1]
        principal = step._can_act(user) if step else user.browse()
        if not principal:
            raise AccessError(
                self.env._(
                    "You may not do this step of “%(title)s”.",
                    title=self.sudo().display_name,
                )
            )
        self._check_flow_actor()
        return principal.with_env(self.env)

    # ---- THE actor check of every flow ----

    @api.depends_context("uid")
    def _compute_oa_flow_block_message(self):
        self.oa_flow_block_message = self._oa_flow_block_message()

    def _oa_flow_block_message(self):
        if self.env.su:
            return False
        reason = self.env.user._oa_flow_block_reason()
        if not reason:
            return False
        return self.env._(
            "You may not act in the document flows for now. %(reason)s",
            reason=reason,
        )

    def _check_flow_actor(self):
        """Whether the current user may act in the flows at all
        (``res.users._oa_flow_block_reason``, extended by other addons, e.g.
        oa_training's "not passed the exam yet").  Every guard of an action
        a user performs calls it once, after it found that the user is the
        one to act.  Reading is never blocked, nor the superuser."""
        message = self._oa_flow_block_message()
        if message:
            raise UserError(message)

    @api.model
    def _oa_steps_by_record(self, steps):
        result = defaultdict(lambda: self.env["oa.flow.step"])
        for step in steps:
            result[step.res_id] |= step
        return result
