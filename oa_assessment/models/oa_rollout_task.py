# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

DEADLINE_TYPES = [
    ("fixed", "Fixed Date"),
    ("admin_training", "After the Unit's Administrators Finished Training"),
    ("phase_start", "After the Phase Starts"),
]
STATES = [("open", "Open"), ("done", "Done"), ("cancel", "Cancelled")]


class OaRolloutTask(models.Model):
    """A task of a unit's roll-out plan (notice 一 and 三(二)3): its
    administrators write it, its owner does it by the deadline, the project
    group follows every unit.  Deadlines are fixed or counted in working
    days after an event (e.g. "within one week after the unit's
    administrators finished their training")."""

    _name = "oa.rollout.task"
    _description = "Roll-out Plan Task"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.guard", "oa.todo.mixin"]
    _oa_todo_type = "oa_assessment.mail_activity_type_rollout_task"
    _order = "date_deadline, unit_id, id"
    # moved only by ``action_done``/``action_reopen``/``action_cancel`` (and
    # the deadline only by its computation)
    _oa_flow_fields = ("state", "date_done", "date_event", "date_deadline")

    name = fields.Char(required=True, tracking=True)
    phase_id = fields.Many2one(
        "oa.rollout.phase", string="Phase", required=True, index=True, tracking=True
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_oa_unit", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="Who does the task: it is a to-do on his workbench until done.",
    )
    description = fields.Html()
    deadline_type = fields.Selection(
        DEADLINE_TYPES, required=True, default="fixed", tracking=True
    )
    date_fixed = fields.Date(string="Fixed Deadline")
    offset_days = fields.Integer(
        string="Working Days After the Event",
        default=5,
        help="5 working days is a week (一周内), 10 is two weeks (两周内).",
    )
    date_event = fields.Date(
        string="Event Date",
        compute="_compute_date_event",
        store=True,
        help="When the event the deadline counts from took place; empty while "
        "it has not (e.g. an administrator has not passed his training yet).",
    )
    date_start = fields.Date(
        string="Start",
        compute="_compute_date_start",
        store=True,
        readonly=False,
        help="Planned start, the phase's start by default.",
    )
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        index=True,
        tracking=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        STATES, default="open", required=True, readonly=True, copy=False, tracking=True
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Done after its deadline, or still open after it.",
    )
    can_manage = fields.Boolean(compute="_compute_can_manage")

    # ---- Messages ----

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values:
            if self.state == "done":
                return self.env.ref("oa_assessment.mt_rollout_task_done")
            if self.state == "cancel":
                return self.env.ref("oa_assessment.mt_rollout_task_cancelled")
            if self.state == "open" and init_values["state"] in ("done", "cancel"):
                return self.env.ref("oa_assessment.mt_rollout_task_reopened")
        return super()._track_subtype(init_values)

    # ---- Computes ----

    @api.depends("phase_id.date_start")
    def _compute_date_start(self):
        for task in self:
            task.date_start = task.date_start or task.phase_id.date_start

    @api.depends(
        "deadline_type", "phase_id.date_start", "unit_id", "unit_id.oa_admin_ids"
    )
    def _compute_date_event(self):
        training = self.filtered(lambda t: t.deadline_type == "admin_training")
        dates = self._oa_admin_training_dates(training.unit_id)
        for task in self:
            if task.deadline_type == "admin_training":
                task.date_event = dates.get(task.unit_id.id, False)
            elif task.deadline_type == "phase_start":
                task.date_event = task.phase_id.date_start
            else:
                task.date_event = False

    @api.depends("deadline_type", "date_fixed", "date_event", "offset_days")
    def _compute_date_deadline(self):
        for task in self:
            if task.deadline_type == "fixed":
                task.date_deadline = task.date_fixed
            elif task.date_event:
                task.date_deadline = task._oa_calendar()._oa_add_working_days(
                    task.date_event, task.offset_days
                )
            else:
                task.date_deadline = False

    @api.depends("state", "date_deadline", "date_done")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_late = task._oa_late(today)

    def _oa_late(self, today):
        if not self.date_deadline or self.state == "cancel":
            return False
        if self.state == "done":
            return bool(self.date_done and self.date_done > self.date_deadline)
        return today > self.date_deadline

    @api.model
    def _oa_undetermined_deadlines(self, units, day):
        """Open tasks of ``units`` whose deadline counts from an event that
        has not taken place (the administrators' training not finished)
        although their phase had begun by ``day``: without a deadline they
        can never be late, so the assessment finds them on their own
        (培训未完成，期限无法确定).  Their deadlines are refreshed first:
        the training may have ended since the daily refresh."""
        tasks = self.sudo().search(
            [
                ("unit_id", "in", units.ids),
                ("state", "=", "open"),
                ("deadline_type", "!=", "fixed"),
                ("phase_id.date_start", "!=", False),
                ("phase_id.date_start", "<=", day),
            ]
        )
        tasks.filtered(lambda t: not t.date_deadline)._oa_refresh_deadlines()
        return tasks.filtered(lambda t: not t.date_deadline)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search late tasks with = True or = False."))
        today = fields.Date.context_today(self)
        self.flush_model(["state", "date_done", "date_deadline"])
        self.env.cr.execute(
            """SELECT id FROM oa_rollout_task
                WHERE date_deadline IS NOT NULL
                  AND ((state = 'open' AND date_deadline < %s)
                       OR (state = 'done' AND date_done > date_deadline))""",
            [today],
        )
        late_ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", late_ids)]

    def _compute_can_manage(self):
        managed = self._oa_managed_units()
        project = self._oa_is_project()
        for task in self:
            task.can_manage = project or task.unit_id in managed

    # ---- Helpers ----

    def _oa_calendar(self):
        return self.env["resource.calendar"]._oa_company_calendar(
            self.unit_id.company_id or self.env.company
        )

    @api.model
    def _oa_admin_training_dates(self, units):
        """``{unit_id: date}``: the day the last of the unit's system
        administrators finished his training (attended, passed the exam),
        for units whose administrators all did; others are left out."""
        units = units.sudo()
        admins = units.oa_admin_ids
        if not admins:
            return {}
        Users = self.env["res.users"].sudo()
        status = Users.browse(admins.ids)._oa_training_admin_status()
        passed_at = dict(
            self.env["oa.training.exam"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", admins.ids),
                    ("kind", "=", "admin"),
                    ("passed", "=", True),
                ],
                ["user_id"],
                ["date:min"],
            )
        )
        tz = self.env["resource.calendar"]._oa_company_tz()
        result = {}
        for unit in units:
            days = []
            for admin in unit.oa_admin_ids:
                moment = passed_at.get(admin)
                if not status.get(admin.id, (False,))[0] or not moment:
                    days = None
                    break
                days.append(pytz.utc.localize(moment).astimezone(tz).date())
            if days:
                result[unit.id] = max(days)
        return result

    def _oa_is_project(self):
        return self.env.su or self.env.user._oa_is_project()

    def _oa_managed_units(self):
        return self.env.user._oa_administered_units()

    def _oa_deadline_fields(self):
        return {"date_fixed", "deadline_type", "offset_days", "phase_id"}

    def _oa_check_passed_deadlines(self, vals):
        """A unit administrator plans ahead: once a deadline has passed, or
        the task is closed, only the project group changes when it was due
        (a late task stays late)."""
        if self._oa_is_project() or not (self._oa_deadline_fields() & set(vals)):
            return
        today = fields.Date.context_today(self)
        for task in self.sudo():
            if task.state != "open" or (
                task.date_deadline and task.date_deadline < today
            ):
                raise UserError(
                    self.env._(
                        "The deadline of “%(task)s” has passed or the task is "
                        "closed: only the project group may change it.",
                        task=task.name,
                    )
                )

    def _oa_check_units(self):
        """A unit administrator plans his own units only (the record rules
        check before a write; this checks where a task is moved to)."""
        if self._oa_is_project():
            return
        managed = self._oa_managed_units()
        for task in self.sudo():
            if task.unit_id not in managed:
                raise AccessError(
                    self.env._(
                        "You may only plan the units you administer; %(unit)s is "
                        "not one of them.",
                        unit=task.unit_id.display_name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._oa_check_units()
        tasks._oa_sync_activities()
        return tasks

    def write(self, vals):
        self._oa_check_passed_deadlines(vals)
        res = super().write(vals)
        if "unit_id" in vals:
            self._oa_check_units()
        if {"user_id", "date_fixed", "offset_days", "deadline_type", "phase_id"} & set(
            vals
        ):
            self._oa_sync_activities()
        return res

    # ---- Actions ----

    def _oa_check_exists(self):
        if not all(isinstance(i, int) for i in self.ids) or len(self.exists()) != len(
            self
        ):
            raise UserError(self.env._("Choose the plan tasks to act on."))
        self.check_access("read")

    def _check_can_move(self, state):
        """Who may move a task to ``state``: its owner marks it done; the
        unit's administrators and the project group also reopen and cancel."""
        self._oa_check_exists()
        managed = self._oa_managed_units()
        project = self._oa_is_project()
        allowed_from = {
            "done": ("open",),
            "open": ("done", "cancel"),
            "cancel": ("open",),
        }
        for task in self.sudo():
            if task.state not in allowed_from[state]:
                raise UserError(
                    self.env._(
                        "“%(task)s” is %(state)s: it cannot be moved to %(target)s.",
                        task=task.name,
                        state=dict(STATES)[task.state],
                        target=dict(STATES)[state],
                    )
                )
            manager = project or task.unit_id in managed
            owner = task.user_id == self.env.user and state == "done"
            if not (manager or owner):
                raise AccessError(
                    self.env._(
                        "Only the owner, the unit's administrators or the project "
                        "group may change the status of “%(task)s”.",
                        task=task.name,
                    )
                )

    def action_done(self):
        self._check_can_move("done")
        today = fields.Date.context_today(self)
        self.sudo().write({"state": "done", "date_done": today})
        self._oa_sync_activities()
        return True

    def action_reopen(self):
        self._check_can_move("open")
        self.sudo().write({"state": "open", "date_done": False})
        self._oa_sync_activities()
        return True

    def action_cancel(self):
        self._check_can_move("cancel")
        self.sudo().write({"state": "cancel"})
        self._oa_sync_activities()
        return True

    # ---- Activities ----

    def _oa_sync_activities(self):
        """One to-do per open task on its owner's workbench, due on the
        deadline (the phase's end while the deadline is not known yet);
        marked done with the task, removed when it is cancelled."""
        tasks = self.sudo()
        done = tasks.filtered(lambda t: t.state == "done")
        done._oa_todo_complete(
            everyone=True, feedback=self.env._("The plan task is done.")
        )
        open_tasks = tasks.filtered(lambda t: t.state == "open" and t.user_id)
        (tasks - done - open_tasks)._oa_todo_clear()
        # due on the deadline (the phase's end while it is not known yet),
        # else today in the owner's time zone (the to-do service's default)
        open_tasks._oa_todo_set(
            [
                (
                    task,
                    task.user_id,
                    task.name,
                    {"date_deadline": task.date_deadline or task.phase_id.date_end},
                )
                for task in open_tasks
            ]
        )

    @api.model
    def _cron_refresh_deadlines(self):
        """Deadlines counted from the administrators' training follow the
        training records: recomputed daily for the open tasks."""
        tasks = self.sudo().search(
            [("state", "=", "open"), ("deadline_type", "!=", "fixed")]
        )
        tasks._oa_refresh_deadlines()

    def _oa_refresh_deadlines(self):
        tasks = self.sudo()
        before = {task.id: task.date_deadline for task in tasks}
        self.env.add_to_compute(tasks._fields["date_event"], tasks)
        self.env.add_to_compute(tasks._fields["date_deadline"], tasks)
        tasks.flush_recordset()
        changed = tasks.filtered(lambda t: t.date_deadline != before[t.id])
        changed._oa_sync_activities()
        return changed

    def action_refresh_deadlines(self):
        self._oa_check_exists()
        self._oa_refresh_deadlines()
        return True
