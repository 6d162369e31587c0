# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.i18n import format_list

from .common import KINDS, PROJECT_KINDS, is_project, managed_units

# the organisers' to-do "open a batch" (no batch has room for re-training)
OPEN_BATCH = "oa_training.mail_activity_type_open_batch"


class OaTrainingBatch(models.Model):
    _name = "oa.training.batch"
    _description = "Training Batch"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.guard", "oa.todo.mixin"]
    _order = "date_start desc, id desc"
    # opened and closed by the flow; enrolments and exams come from it
    _oa_flow_fields = (
        "state",
        "date_closed",
        "closed_by_id",
        "enrolment_ids",
        "exam_ids",
    )

    name = fields.Char(required=True, tracking=True, help="e.g. 第一批")
    kind = fields.Selection(
        KINDS,
        required=True,
        default="staff",
        tracking=True,
        help="Ordinary staff, system administrators and leaders are trained by "
        "the project group; end users by their unit administrator.",
    )
    organiser_unit_id = fields.Many2one(
        "hr.department",
        string="Organising Unit",
        domain=[("is_oa_unit", "=", True)],
        index=True,
        tracking=True,
        help="For end-user training: the unit whose administrators organise "
        "and record it.",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    place = fields.Char(tracking=True)
    trainer_id = fields.Many2one(
        "res.users",
        string="Trainer",
        tracking=True,
        help="Records the attendance of the sessions.",
    )
    examiner_id = fields.Many2one(
        "res.users",
        string="Examiner",
        tracking=True,
        help="Records the results of the operation exam (上机操作考试).",
    )
    capacity = fields.Integer(
        tracking=True, help="Seats of the batch; 0 means no limit."
    )
    pass_mark = fields.Float(
        default=60.0, required=True, tracking=True, help="Lowest passing score."
    )
    unit_ids = fields.Many2many(
        "hr.department",
        "oa_training_batch_unit_rel",
        "batch_id",
        "unit_id",
        string="Units",
        domain=[("is_oa_unit", "=", True)],
        help="The units (培训单位) this batch is meant for.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("done", "Closed")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_closed = fields.Datetime(string="Closed On", copy=False, readonly=True)
    closed_by_id = fields.Many2one(
        "res.users", string="Closed By", copy=False, readonly=True
    )
    session_ids = fields.One2many(
        "oa.training.session", "batch_id", string="Sessions", copy=True
    )
    enrolment_ids = fields.One2many(
        "oa.training.enrolment", "batch_id", string="Enrolments"
    )
    exam_ids = fields.One2many("oa.training.exam", "batch_id", string="Exams")
    session_count = fields.Integer(compute="_compute_counts")
    enrolment_count = fields.Integer(string="Enrolled", compute="_compute_counts")
    passed_count = fields.Integer(string="Passed", compute="_compute_counts")
    seats_left = fields.Integer(compute="_compute_counts")
    color = fields.Integer()
    note = fields.Html()
    can_manage = fields.Boolean(compute="_compute_can_manage")
    can_examine = fields.Boolean(compute="_compute_can_manage")

    _sql_constraints = [
        (
            "date_order",
            "CHECK(date_end >= date_start)",
            "A batch cannot end before it starts.",
        ),
        (
            "capacity_positive",
            "CHECK(capacity >= 0)",
            "The capacity cannot be negative.",
        ),
        (
            "pass_mark_range",
            "CHECK(pass_mark >= 0 AND pass_mark <= 100)",
            "The pass mark is a score between 0 and 100.",
        ),
    ]

    # ---- Messages ----

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values:
            if self.state == "open":
                return self.env.ref("oa_training.mt_batch_opened")
            if self.state == "done":
                return self.env.ref("oa_training.mt_batch_closed")
        return super()._track_subtype(init_values)

    # ---- Compute ----

    def _compute_counts(self):
        Enrolment = self.env["oa.training.enrolment"].sudo()
        counts = {
            (batch.id, result): count
            for batch, result, count in Enrolment._read_group(
                [("batch_id", "in", self.ids)], ["batch_id", "result"], ["__count"]
            )
        }
        sessions = dict(
            self.env["oa.training.session"]
            .sudo()
            ._read_group([("batch_id", "in", self.ids)], ["batch_id"], ["__count"])
        )
        for batch in self:
            enrolled = sum(
                counts.get((batch.id, key), 0)
                for key in ("pending", "passed", "failed", "missed")
            )
            batch.enrolment_count = enrolled
            batch.passed_count = counts.get((batch.id, "passed"), 0)
            batch.session_count = sessions.get(batch, 0)
            batch.seats_left = (
                max(batch.capacity - enrolled, 0) if batch.capacity else 0
            )

    def _compute_can_manage(self):
        for batch in self:
            batch.can_manage = batch._oa_can_manage()
            batch.can_examine = batch._oa_can_examine()

    # ---- Constraints ----

    @api.constrains("kind", "organiser_unit_id")
    def _check_organiser(self):
        for batch in self:
            if batch.kind == "end_user" and not batch.organiser_unit_id:
                raise ValidationError(
                    self.env._(
                        "End-user training is organised by a unit: choose the "
                        "organising unit of “%(batch)s”.",
                        batch=batch.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and vals.get("kind", "staff") in PROJECT_KINDS:
                self._oa_check_project()
        batches = super().create(vals_list)
        if not self.env.su:
            batches._oa_check_can_manage()
        return batches

    def write(self, vals):
        if not self.env.su:
            if self.filtered(lambda b: b.state == "done"):
                raise UserError(
                    self.env._("A closed training batch can no longer be changed.")
                )
            for batch in self:
                batch._oa_check_can_manage()
            if vals.get("kind", "end_user") in PROJECT_KINDS:
                self._oa_check_project()
        res = super().write(vals)
        if not self.env.su and "organiser_unit_id" in vals:
            # nobody hands a batch over to a unit he does not administer
            self._oa_check_can_manage()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_empty_drafts(self):
        for batch in self:
            if batch.state != "draft" or batch.sudo().enrolment_ids:
                raise UserError(
                    self.env._(
                        "“%(batch)s” has started or has trainees: it cannot be "
                        "deleted.",
                        batch=batch.name,
                    )
                )

    # ---- Rights ----

    def _oa_check_project(self):
        if not is_project(self.env):
            raise AccessError(
                self.env._(
                    "Ordinary staff, administrator and leader training is "
                    "organised by the project group."
                )
            )

    def _oa_can_manage(self):
        """The project group; for end-user training also the
        administrators of the organising unit."""
        self.ensure_one()
        if is_project(self.env):
            return True
        return self.kind == "end_user" and self.organiser_unit_id in managed_units(
            self.env
        )

    def _oa_check_can_manage(self):
        for batch in self:
            if not batch._oa_can_manage():
                raise AccessError(
                    self.env._(
                        "You do not organise “%(batch)s”: only the project group "
                        "(or, for end-user training, the organising unit's "
                        "administrators) can change it.",
                        batch=batch.name,
                    )
                )

    def _oa_can_examine(self):
        self.ensure_one()
        return self.env.user in (self.examiner_id | self.trainer_id) or (
            self._oa_can_manage()
        )

    def _oa_can_record_attendance(self, units=None):
        """Trainer, examiner and organisers record everybody; a unit
        administrator records the people of his units."""
        self.ensure_one()
        if self._oa_can_examine():
            return True
        return bool(units) and not (units - managed_units(self.env))

    # ---- Actions ----

    # Each transition: ``action_*`` (button, RPC: validates its arguments)
    # → ``_check_can_*`` (the guard: raises a UserError or AccessError, and
    # may compute a button's visibility) → ``_do_*`` (the only writer of the
    # flow fields, as the superuser once the guard passed).

    def action_open(self):
        """Draft → open; people waiting for a batch of this kind (failed or
        missed the exam, no room anywhere) are enrolled."""
        for batch in self:
            batch._check_can_open()
        self._do_open()
        return True

    def action_close(self):
        """Open → closed: whoever failed or missed the exam goes to the next
        batch of the same kind with room (不合格者进入下期继续培训直至合格)."""
        for batch in self:
            batch._check_can_close()
        self._do_close()
        return True

    def action_enrol_users(self, user_ids):
        """Enrol the given users (ids) in this batch; people already
        enrolled are skipped.  Returns the new enrolments' ids."""
        self.ensure_one()
        users = self._oa_enrol_users_argument(user_ids)
        self._check_can_enrol(users)
        return self._do_enrol(users, origin="manual").ids

    def action_enrol_unit(self, unit_id, only_not_passed=False):
        """Enrol everyone of a unit — or everyone of it who has not passed
        this kind of training yet — in one action."""
        self.ensure_one()
        unit = self._oa_enrol_unit_argument(unit_id, only_not_passed)
        domain = [("oa_unit_id", "=", unit.id), ("share", "=", False)]
        users = self.env["res.users"].sudo().search(domain)
        if only_not_passed:
            users -= self.env["oa.training.enrolment"]._oa_passed_users(
                users, self.kind
            )
        self._check_can_enrol(users)
        return self._do_enrol(users, origin="unit").ids

    # ---- Arguments (RPC) ----

    def _oa_enrol_users_argument(self, user_ids):
        """The users of ``action_enrol_users``: a list of ids of existing
        users (a person named twice is enrolled once)."""
        if not isinstance(user_ids, list | tuple) or not all(
            isinstance(uid, int) and not isinstance(uid, bool) for uid in user_ids
        ):
            raise UserError(self.env._("Give the users to enrol as a list of ids."))
        ids = list(dict.fromkeys(user_ids))
        users = self.env["res.users"].sudo().browse(ids).exists()
        unknown = [uid for uid in ids if uid not in users._ids]
        if unknown:
            raise UserError(
                self.env._(
                    "These users do not exist: %(ids)s.",
                    ids=format_list(self.env, [str(uid) for uid in unknown]),
                )
            )
        return users

    def _oa_enrol_unit_argument(self, unit_id, only_not_passed):
        """The unit of ``action_enrol_unit``: the id of an OA unit;
        ``only_not_passed`` is true or false."""
        if not isinstance(unit_id, int) or isinstance(unit_id, bool):
            raise UserError(self.env._("Choose the unit to enrol."))
        if not isinstance(only_not_passed, bool):
            raise UserError(
                self.env._(
                    "Say with true or false whether only the people who have "
                    "not passed yet are enrolled."
                )
            )
        unit = self.env["hr.department"].sudo().browse(unit_id).exists()
        if not unit or not unit.is_oa_unit:
            raise UserError(self.env._("Choose an OA unit to enrol."))
        return unit

    # ---- Guards ----

    def _check_can_open(self):
        self._oa_check_can_manage()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Only a draft batch can be opened (“%(batch)s”).", batch=self.name
                )
            )
        if not self.sudo().session_ids:
            raise UserError(
                self.env._(
                    "Plan the sessions of “%(batch)s” before opening it.",
                    batch=self.name,
                )
            )

    def _check_can_close(self):
        self._oa_check_can_manage()
        if self.state != "open":
            raise UserError(
                self.env._(
                    "Only an open batch can be closed (“%(batch)s”).", batch=self.name
                )
            )

    def _check_can_enrol(self, users):
        if self.state == "done":
            raise UserError(
                self.env._(
                    "“%(batch)s” is closed: nobody can be enrolled.", batch=self.name
                )
            )
        if self._oa_can_manage():
            return
        if self.kind == "leader":
            self._oa_check_project()
        mine = managed_units(self.env)
        if mine and all(user.oa_unit_id in mine for user in users):
            return
        if not mine:
            # addressed to who reads it: a trainee, not an administrator
            raise AccessError(
                self.env._(
                    "You cannot enrol people in “%(batch)s”: enrolment is done by "
                    "the project group or by the system administrators of the units.",
                    batch=self.name,
                )
            )
        raise AccessError(
            self.env._(
                "You can only enrol the people of the units you administer.",
            )
        )

    # ---- Transitions ----

    def _do_open(self):
        self.sudo().write({"state": "open"})
        for batch in self:
            batch._oa_enrol_waiting()

    def _do_close(self):
        self.sudo().write(
            {
                "state": "done",
                "date_closed": fields.Datetime.now(),
                "closed_by_id": self.env.uid,
            }
        )
        enrolments = self.env["oa.training.enrolment"].sudo()
        for batch in self:
            batch._oa_retrain(enrolments._oa_retrain_candidates(batch))

    def _do_enrol(self, users, origin):
        """The enrolments of ``users`` (new ones only, within the capacity)."""
        self.ensure_one()
        return self._oa_enrol(users, origin=origin)

    # ---- Other actions ----

    def action_open_enrol_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enrol"),
            "res_model": "oa.training.enrol.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_batch_id": self.id},
        }

    def action_open_exam_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Exam Results"),
            "res_model": "oa.training.exam.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_batch_id": self.id},
        }

    def action_open_calendar(self):
        """The training calendar on this batch's sessions, opened on the
        batch's first day rather than on today."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oa_training.oa_training_session_action"
        )
        starts = self.session_ids.filtered("start").mapped("start")
        # no session yet: noon UTC is that day from UTC-11 to UTC+11
        first = min(starts) if starts else datetime.combine(self.date_start, time(12))
        action.update(
            {
                "domain": [("batch_id", "=", self.id)],
                "context": {
                    "default_batch_id": self.id,
                    "initial_date": fields.Datetime.to_string(first),
                },
            }
        )
        return action

    def action_open_import_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Attendance and Results"),
            "res_model": "oa.training.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_batch_id": self.id},
        }

    # ---- Business ----

    def _oa_enrol(self, users, origin, previous=None):
        """Create the enrolments (one create), respecting the capacity."""
        self.ensure_one()
        already = (
            self.env["oa.training.enrolment"]
            .sudo()
            .search([("batch_id", "=", self.id), ("user_id", "in", users.ids)])
        )
        users -= already.user_id
        if not users:
            return self.env["oa.training.enrolment"]
        if self.capacity and len(users) > self.seats_left:
            raise UserError(
                self.env._(
                    "“%(batch)s” has %(left)s seats left; %(count)s people cannot "
                    "be enrolled.",
                    batch=self.name,
                    left=self.seats_left,
                    count=len(users),
                )
            )
        return (
            self.env["oa.training.enrolment"]
            .sudo()
            .create(
                [
                    {
                        "batch_id": self.id,
                        "user_id": user.id,
                        "unit_id": user.oa_unit_id.id,
                        "origin": origin,
                    }
                    for user in users
                ]
            )
        )

    def _oa_next_batch_domain(self):
        self.ensure_one()
        return [
            ("kind", "=", self.kind),
            ("organiser_unit_id", "=", self.organiser_unit_id.id),
            ("state", "in", ("draft", "open")),
        ]

    def _oa_enrol_waiting(self):
        """A newly opened batch takes the people waiting for one."""
        self.ensure_one()
        waiting = (
            self.env["oa.training.enrolment"]
            .sudo()
            ._oa_retrain_candidates(kind=self.kind, organiser=self.organiser_unit_id)
        )
        if waiting:
            self._oa_retrain(waiting)

    def _oa_retrain(self, failures):
        """Enrol ``failures`` (enrolments that failed or missed the exam) in
        the next batch of the same kind that has room — a fixed number of
        queries however many people — and tell them, their unit
        administrators and, when nothing has room, the organisers."""
        self.ensure_one()
        if not failures:
            return
        Enrolment = self.env["oa.training.enrolment"].sudo()
        candidates = self.sudo().search(
            self._oa_next_batch_domain(), order="date_start, id"
        )
        used = dict(
            Enrolment._read_group(
                [("batch_id", "in", candidates.ids)], ["batch_id"], ["__count"]
            )
        )
        room = {
            batch.id: (batch.capacity - used.get(batch, 0) if batch.capacity else None)
            for batch in candidates
        }
        vals_list, unplaced = [], Enrolment
        for failure in failures.sorted(lambda e: (e.batch_id.date_end, e.id)):
            target = next(
                (
                    batch
                    for batch in candidates
                    if batch.date_start > failure.batch_id.date_end
                    and (room[batch.id] is None or room[batch.id] > 0)
                ),
                None,
            )
            if not target:
                unplaced |= failure
                continue
            if room[target.id] is not None:
                room[target.id] -= 1
            vals_list.append(
                {
                    "batch_id": target.id,
                    "user_id": failure.user_id.id,
                    "unit_id": failure.user_id.oa_unit_id.id,
                    "origin": "retrain",
                    "previous_enrolment_id": failure.id,
                }
            )
        new = Enrolment.create(vals_list)
        new._oa_notify_retrain()
        self._oa_notify_admins(new)
        if unplaced:
            self._oa_ask_for_batch(unplaced)
        # the organisers' "open a batch" to-dos are done once all are placed
        if not unplaced:
            self._oa_close_open_batch_todos()

    def _oa_notify_admins(self, new):
        """One summary to-do per unit administrator of the people moved."""
        if not new:
            return
        by_admin = {}
        for enrolment in new:
            for admin in enrolment.unit_id.oa_admin_ids:
                by_admin.setdefault(admin, []).append(enrolment)
        summary = self.env._("Re-enrolled in the next batch")
        todos = []
        for admin, enrolments in by_admin.items():
            names = "、".join(
                e.user_id.name + "(" + e.batch_id.name + ")" for e in enrolments
            )
            note = self.env._(
                "Failed or missed the exam and enrolled in the next batch: %(names)s",
                names=names,
            )
            # a notice to the administrator, not a step: he may dismiss it
            todos.append((self, admin, summary, {"note": note, "flow": False}))
        self._oa_todo_add(todos, personal=True)

    def _oa_organisers(self):
        self.ensure_one()
        if self.kind == "end_user":
            return self.organiser_unit_id.oa_admin_ids
        group = self.env.ref("oa_base.group_oa_project")
        return group.users.filtered(lambda u: u.active and not u.share)

    def _oa_ask_for_batch(self, unplaced):
        """No batch of this kind has room: the organisers get a to-do to
        open one (once per batch)."""
        existing = self.activity_ids.filtered(
            lambda a: a.activity_type_id.id == self._oa_todo_type_id(OPEN_BATCH)
        ).user_id
        organisers = self._oa_organisers() - existing
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        summary = self.env._("Open a new %(kind)s training batch", kind=kind)
        note = self.env._(
            "No batch of this kind has room for the people who failed or "
            "missed the exam: %(names)s",
            names="、".join(unplaced.user_id.mapped("name")),
        )
        self._oa_todo_add(
            [(self, organisers, summary, {"note": note})], kind=OPEN_BATCH
        )

    def _oa_close_open_batch_todos(self):
        """Everybody is placed again: the organisers' "open a batch" to-dos
        of this kind are done."""
        batches = self.sudo().search(
            [
                ("kind", "=", self.kind),
                ("organiser_unit_id", "=", self.organiser_unit_id.id),
                ("state", "=", "done"),
            ]
        )
        pending = (
            self.env["mail.activity"]
            .sudo()
            .search_count(batches._oa_todo_domain(OPEN_BATCH), limit=1)
        )
        if pending and not self.env[
            "oa.training.enrolment"
        ].sudo()._oa_retrain_candidates(
            kind=self.kind, organiser=self.organiser_unit_id
        ):
            batches._oa_todo_complete(
                kind=OPEN_BATCH,
                everyone=True,
                feedback=self.env._("A batch with room was opened."),
            )
