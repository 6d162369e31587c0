# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The to-do (待办) of the people of the document flow: one Odoo activity per
record waiting for a user, due today in his time zone, for him and for
whoever stands in for him (``oa.proxy``)."""

from odoo import api, fields, models

TODO_TYPE = "mail.mail_activity_data_todo"
# The product is used in China: a user without a time zone is in Beijing time.
DEFAULT_TZ = "Asia/Shanghai"


class OaTodoMixin(models.AbstractModel):
    _name = "oa.todo.mixin"
    _description = "OA To-Do"

    @api.model
    def _oa_today(self, user):
        """Today's date for ``user`` (his time zone), not the server's: a
        to-do created at 01:00 in Beijing is due that day."""
        tz = user.sudo().tz or self.env.user.tz or DEFAULT_TZ
        return fields.Date.context_today(self.with_context(tz=tz))

    def _oa_todo_complete(self):
        """The current user handled his step on these records: his flow
        to-dos are completed (archived, with their done date), not deleted —
        his 已办 lists them (a proxy's own copy is his; the principal's row,
        untouched, follows the flow).  One statement: no message per step."""
        user = self.env.user
        if not self.ids or user._is_superuser():
            return
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(TODO_TYPE)
        mine = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", type_id),
                    ("user_id", "=", user.id),
                    ("oa_flow", "=", True),
                ]
            )
        )
        if mine:
            mine.with_context(mail_activity_quick_update=True).write({"active": False})

    def _oa_todo_clear(self):
        """Remove the flow's to-dos of these records (the step is done)."""
        if not self.ids:
            return
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(TODO_TYPE)
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", type_id),
            ]
        ).unlink()

    def _oa_todo_set(self, todos, clear=True, proxies=None):
        """Replace the flow's to-dos of these records by ``todos``: a list of
        ``(record, users, summary)``.  Each user and each of his proxies
        (windows not over) gets one activity per record, due today.  A to-do
        that stays (same record, same user) is kept and updated; the others
        are removed and the new ones created in one batch."""
        Activity = self.env["mail.activity"].sudo()
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(TODO_TYPE)
        existing = Activity.browse()
        if clear and self.ids:
            existing = Activity.search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", type_id),
                ],
                ["res_id", "user_id", "summary", "date_deadline"],
            )
        wanted = self._oa_todo_vals(todos, type_id, proxies)
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
        spare.unlink()
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
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(TODO_TYPE)
        titles = {
            (activity.res_id, activity.user_id.id): activity.summary
            for activity in self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", type_id),
                    ("oa_flow", "=", True),
                ]
            )
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

    def _oa_todo_vals(self, todos, type_id, proxies=None):
        Users = self.env["res.users"]
        people = Users.union(*(users for _rec, users, _summary in todos)).sudo()
        people = people.filtered("active")
        if not people:
            return []
        if proxies is None or not all(user.id in proxies for user in people):
            proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(people)
        model_id = self.env["ir.model"]._get_id(self._name)
        today = {}
        seen = set()
        vals_list = []
        for record, users, summary in todos:
            for user in users.sudo().filtered("active"):
                for assignee in user | proxies[user.id]:
                    if (record.id, assignee.id) in seen:
                        continue
                    seen.add((record.id, assignee.id))
                    if assignee.id not in today:
                        today[assignee.id] = self._oa_today(assignee)
                    vals_list.append(
                        {
                            "res_model_id": model_id,
                            "res_id": record.id,
                            "activity_type_id": type_id,
                            "automated": True,
                            "oa_flow": True,
                            "user_id": assignee.id,
                            "date_deadline": today[assignee.id],
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
