# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The to-do service of the suite (待办): every flow of every addon hands its
steps out through it.  A flow to-do is an Odoo activity marked ``oa_flow``
(nobody but the flow ends it, see ``mail_activity.py``): one per record and
person, for each actor and for whoever stands in for him (``oa.proxy``),
due today in the assignee's time zone unless the step has a deadline,
announced at once on the bus.  When the actor handles his step, his own
to-do is completed (archived with its done date: his 已办 lists it) and the
others' are removed.

A model uses it by inheriting ``oa.todo.mixin``; ``_oa_todo_type`` names the
activity type of its to-dos (a model with several kinds of to-do passes
``kind=`` — an activity type XML id — to each call)."""

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.cache import forget
from ..tools.local_time import company_today, company_tz, local_today, to_local

TODO_TYPE = "mail.mail_activity_data_todo"
# the fields of mail.activity.mixin a record computes from its activities
ACTIVITY_FIELDS = ("activity_", "my_activity_")


class OaTodoMixin(models.AbstractModel):
    _name = "oa.todo.mixin"
    _description = "OA To-Do"

    # the activity type (XML id) of the model's flow to-dos
    _oa_todo_type = TODO_TYPE

    @api.model
    def _oa_today(self, user):
        """Today's date for ``user`` (his time zone, the company's when he
        has none), not the server's: a to-do created at 01:00 in Beijing is
        due that day."""
        return local_today(self.env, user)

    @api.model
    def _oa_todo_type_id(self, kind=None):
        return self.env["ir.model.data"]._xmlid_to_res_id(kind or self._oa_todo_type)

    def _oa_todo_domain(self, kind=None, users=None):
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "in", self.ids),
            ("activity_type_id", "=", self._oa_todo_type_id(kind)),
        ]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        return domain

    def _oa_todo_complete(self, users=None, kind=None, feedback=None, everyone=False):
        """``users`` (the current user by default; every holder with
        ``everyone``) handled their step on these records: their flow
        to-dos are completed, not deleted — their 已办 lists them (a proxy's
        own copy is his; the principal's row, untouched, follows the flow).
        Without ``feedback``: archived with their done date, one statement,
        no message per step; with it (a text, or a function of the record):
        done as Odoo does (the feedback is posted on the record)."""
        if not everyone and users is None:
            users = self.env.user
            if users._is_superuser():
                return
        if not self.ids or (not everyone and not users):
            return
        domain = self._oa_todo_domain(kind, None if everyone else users)
        todos = self.env["mail.activity"].sudo().search(domain)
        if not todos:
            return
        todos = todos.with_context(mail_activity_quick_update=True)
        if callable(feedback):  # a feedback of its own per record
            for todo in todos:
                todo.action_feedback(feedback=feedback(self.browse(todo.res_id)))
        elif feedback:
            todos.action_feedback(feedback=feedback)
        else:
            self._oa_todo_archive(todos)

    @api.model
    def _oa_todo_archive(self, todos):
        """Complete ``todos`` without feedback: archived with their done
        date — the company's day, where ``mail.activity`` would take the UTC
        date (the day before in Beijing until 08:00) — in one statement."""
        if todos:
            todos.with_context(mail_activity_quick_update=True).write(
                {"active": False, "date_done": local_today(self.env)}
            )

    def _oa_todo_drop(self, todos):
        """Remove flow to-dos of these records that are over for their
        holders (not done by them): their web clients are told, as
        ``mail.activity.unlink`` does, and one statement deletes them —
        nothing refers to a flow to-do (no XML id, attachment or default),
        so Odoo's clean-up queries after a deletion are not needed."""
        if not todos:
            return
        # as mail.activity.unlink does, for the to-dos the counter shows
        # (due today or before), on the company's day, not the UTC date
        today = company_today(self.env)
        due = todos.filtered(lambda todo: todo.date_deadline <= today)
        due.user_id._bus_send("mail.activity/updated", {"activity_deleted": True})
        todos.flush_recordset()
        self.env.cr.execute(
            SQL("DELETE FROM mail_activity WHERE id IN %s", tuple(todos.ids))
        )
        todos.invalidate_recordset()
        # what the records compute from their activities
        forget(
            self, [name for name in self._fields if name.startswith(ACTIVITY_FIELDS)]
        )

    @api.model
    def _oa_todo_completing(self, users=None):
        """Who completes his to-do now: ``users``, by default the current
        user (not the superuser, who holds none)."""
        if users is None:
            users = self.env.user
            if users._is_superuser():
                return users.browse()
        return users

    def _oa_todo_close(self, kind=None):
        """The current user handled the step: his to-do is completed, the
        others' are removed (the step is over for everyone); one search."""
        if not self.ids:
            return
        todos = self.env["mail.activity"].sudo().search(self._oa_todo_domain(kind))
        done = todos.filtered(lambda a: a.user_id in self._oa_todo_completing())
        self._oa_todo_archive(done)
        self._oa_todo_drop(todos - done)

    def _oa_todo_clear(self, kind=None, users=None):
        """Remove the open flow to-dos of these records (of ``users`` only
        when given): the step is over, or they no longer hold it."""
        if not self.ids:
            return
        self._oa_todo_drop(
            self.env["mail.activity"].sudo().search(self._oa_todo_domain(kind, users))
        )

    def _oa_todo_add(self, todos, kind=None, personal=False):
        """Hand out ``todos`` (see ``_oa_todo_set``) besides the open ones."""
        return self._oa_todo_set(todos, clear=False, kind=kind, personal=personal)

    def _oa_todo_set(
        self,
        todos,
        clear=True,
        proxies=None,
        kind=None,
        personal=False,
        complete=None,
    ):
        """Replace the flow's to-dos of these records by ``todos``: a list of
        ``(record, users, summary)`` or ``(record, users, summary, extra)``
        where ``extra`` may give the ``date_deadline`` of the step, a
        ``note``, and ``flow: False`` for a notice its holder may dismiss.
        Each user and each of his proxies (windows not over) gets one
        activity per record, due today unless the step has a deadline
        (``personal`` to-dos — a trainee's exam — are the user's alone, no
        proxy gets a copy).  A to-do that stays (same record, same user) is
        kept and updated; the others are removed and the new ones created in
        one batch.  ``complete``: users who handled the step, their open
        to-dos completed (``_oa_todo_complete``) in the same search."""
        Activity = self.env["mail.activity"].sudo()
        type_id = self._oa_todo_type_id(kind)
        existing = Activity.browse()
        if clear and self.ids:
            existing = Activity.search_fetch(
                self._oa_todo_domain(kind),
                ["res_id", "user_id", "summary", "date_deadline"],
            )
            if complete:
                done = existing.filtered(lambda a: a.user_id in complete)
                self._oa_todo_archive(done)
                existing -= done
        wanted = self._oa_todo_vals(todos, type_id, proxies, personal)
        by_key = {}
        for activity in existing:
            by_key.setdefault((activity.res_id, activity.user_id.id), activity)
        kept = Activity.browse()
        updates = {}
        to_create = []
        for vals in wanted:
            activity = by_key.pop((vals["res_id"], vals["user_id"]), None)
            if activity is None:
                to_create.append(vals)
                continue
            kept |= activity
            new = (vals["summary"], vals["date_deadline"])
            if (activity.summary, activity.date_deadline) != new:
                updates.setdefault(new, Activity.browse())
                updates[new] |= activity
        # the activity itself is the notice (to-do counter and list): no
        # "assigned to you" message per activity, nor does it make the
        # assignee a follower: his to-do tells him what waits for him, not
        # every later message of the record
        Activity = Activity.with_context(
            mail_activity_quick_update=True, oa_todo_no_follow=True
        )
        for (summary, deadline), activities in updates.items():
            activities.write({"summary": summary, "date_deadline": deadline})
        # a to-do handed over to the next actor of the same record: the row
        # is reused rather than deleted and created again
        spare = (existing - kept).with_env(Activity.env)
        reused = Activity.browse()
        for vals in list(to_create):
            activity = next((a for a in spare if a.res_id == vals["res_id"]), None)
            if activity is None:
                continue
            spare -= activity
            to_create.remove(vals)
            activity.write(
                {
                    "user_id": vals["user_id"],
                    "summary": vals["summary"],
                    "date_deadline": vals["date_deadline"],
                }
            )
            reused |= activity
        self._oa_todo_drop(spare)
        created = Activity.create(to_create)
        self._oa_todo_announce(reused | created)
        return kept | reused | created

    def _oa_todo_holders(self):
        """``{record: users}``: who holds the flow's to-do of each record now
        (models that refresh their to-dos define it)."""
        raise NotImplementedError

    def _oa_todo_refresh(self):
        """Hand the open to-dos of these records out again, same holders and
        same titles: a proxy window named since then gets (or loses) his
        copy."""
        if not self.ids:
            return
        titles = {
            (activity.res_id, activity.user_id.id): activity.summary
            for activity in self.env["mail.activity"]
            .sudo()
            .search([*self._oa_todo_domain(), ("oa_flow", "=", True)])
        }
        todos = [
            (record, user, titles[record.id, user.id])
            for record, users in self._oa_todo_holders().items()
            for user in users
            if (record.id, user.id) in titles
        ]
        self._oa_todo_set(todos)

    @api.model
    def _oa_todo_announce(self, activities):
        """Tell each new assignee's web client at once (to-do counter, in-app
        notice), on whichever node his websocket is.  Odoo only announces an
        activity due on the server's (UTC) date, and of a batch only one
        assignee: a to-do due today in Beijing is due "tomorrow" in UTC from
        16:00 to midnight, and the flow creates them in batches."""
        activities.user_id._bus_send(
            "mail.activity/updated", {"activity_created": True}
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get("oa_todo_no_follow"):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    @api.model
    def _oa_todo_zones(self, users):
        """``{user_id: time zone name or False}`` of the active ones among
        ``users``: one query (a user's time zone is his partner's).  Their
        names and time zones come with it into the cache: the notice after
        the step names who holds the record now, and the to-do's time zone
        is computed again when it is written."""
        if not users:
            return {}
        Users, Partners = self.env["res.users"], self.env["res.partner"]
        Users.flush_model(["active", "partner_id"])
        Partners.flush_model(["tz", "name"])
        self.env.cr.execute(
            SQL(
                "SELECT u.id, p.tz, p.id, p.name FROM res_users u"
                " JOIN res_partner p ON p.id = u.partner_id"
                " WHERE u.id IN %s AND u.active",
                tuple(users.ids),
            )
        )
        rows = self.env.cr.fetchall()
        cache = self.env.cache
        cache.update(
            Users.browse(row[0] for row in rows),
            Users._fields["partner_id"],
            [row[2] for row in rows],
        )
        partners = Partners.browse(row[2] for row in rows)
        cache.update(partners, Partners._fields["name"], [row[3] for row in rows])
        # mail.activity's user_tz is related to it (computed again at flush)
        cache.update(partners, Partners._fields["tz"], [row[1] for row in rows])
        return {row[0]: row[1] for row in rows}

    @api.model
    def _oa_todo_today(self, user, zone):
        """Today for ``user`` whose time zone is ``zone`` (the current user's
        context first, as ``_oa_today``; the company's without one)."""
        if user == self.env.user:
            return self._oa_today(user)
        try:
            tz = pytz.timezone(zone) if zone else company_tz(self.env)
        except pytz.UnknownTimeZoneError:
            tz = company_tz(self.env)
        return to_local(self.env, fields.Datetime.now(), tz).date()

    def _oa_todo_vals(self, todos, type_id, proxies=None, personal=False):
        Users = self.env["res.users"]
        todos = [(*todo, {})[:4] for todo in todos]
        people = Users.union(*(todo[1] for todo in todos)).sudo()
        if not people:
            return []
        if personal:
            proxies = {user.id: Users for user in people}
        elif proxies is None or not all(user.id in proxies for user in people):
            proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(people)
        # who is active, and each assignee's time zone (one query): what
        # mail.activity would compute after the insert is written by it
        zones = self._oa_todo_zones(
            people.union(*(proxies[user.id] for user in people))
        )
        people = people.filtered(lambda user: user.id in zones)
        if not people:
            return []
        model_id = self.env["ir.model"]._get_id(self._name)
        today = {}
        seen = set()
        vals_list = []
        for record, users, summary, extra in todos:
            for user in users.sudo().filtered(lambda user: user.id in zones):
                for assignee in user | proxies[user.id]:
                    if (record.id, assignee.id) in seen or assignee.id not in zones:
                        continue
                    seen.add((record.id, assignee.id))
                    if assignee.id not in today:
                        today[assignee.id] = self._oa_todo_today(
                            assignee, zones[assignee.id]
                        )
                    vals_list.append(
                        {
                            "note": extra.get("note") or False,
                            "res_model_id": model_id,
                            "res_id": record.id,
                            "activity_type_id": type_id,
                            "automated": True,
                            # a notice ("re-enrolled") may be dismissed
                            "oa_flow": extra.get("flow", True),
                            "user_id": assignee.id,
                            "user_tz": zones[assignee.id],
                            "res_name": record.sudo().display_name,
                            "date_done": False,
                            "date_deadline": extra.get("date_deadline")
                            or today[assignee.id],
                            "summary": summary
                            if assignee == user
                            else self.env._(
                                "%(summary)s (for %(user)s)",
                                summary=summary,
                                user=user.name,
                            ),
                        }
                    )
        return vals_list
