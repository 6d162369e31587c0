# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .common import ATTENDED, RESULTS, RETRAIN_RESULTS

# the trainee's to-do "training again" (failed or missed the exam)
RETRAIN = "oa_training.mail_activity_type_retrain"


class OaTrainingEnrolment(models.Model):
    _name = "oa.training.enrolment"
    _description = "Training Enrolment"
    _inherit = ["mail.thread", "mail.activity.mixin", "oa.flow.guard", "oa.todo.mixin"]
    _order = "date_start desc, id desc"
    _rec_name = "user_id"
    # who, where and why are set by the flow when it enrols; the results,
    # scores and counts follow the exams and the attendance
    _oa_flow_fields = (
        "batch_id",
        "user_id",
        "unit_id",
        "origin",
        "previous_enrolment_id",
        "retrain_enrolment_ids",
        "attendance_ids",
        "exam_ids",
        "result",
        "best_score",
        "attempt_count",
        "absence_count",
        "attended_all",
    )

    batch_id = fields.Many2one(
        "oa.training.batch", required=True, ondelete="restrict", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Trainee", required=True, ondelete="restrict", index=True
    )
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index=True,
        help="The trainee's unit when he was enrolled.",
    )
    kind = fields.Selection(related="batch_id.kind", store=True)
    date_start = fields.Date(related="batch_id.date_start", store=True)
    date_end = fields.Date(related="batch_id.date_end")
    batch_state = fields.Selection(related="batch_id.state", string="Batch Status")
    origin = fields.Selection(
        [
            ("manual", "Enrolled"),
            ("unit", "Whole Unit"),
            ("retrain", "Re-training"),
        ],
        default="manual",
        required=True,
    )
    previous_enrolment_id = fields.Many2one(
        "oa.training.enrolment",
        string="Continues",
        index=True,
        help="The enrolment whose exam was failed or missed.",
    )
    retrain_enrolment_ids = fields.One2many(
        "oa.training.enrolment", "previous_enrolment_id", string="Continued In"
    )
    attendance_ids = fields.One2many(
        "oa.training.attendance", "enrolment_id", string="Attendance"
    )
    exam_ids = fields.One2many("oa.training.exam", "enrolment_id", string="Exams")
    result = fields.Selection(
        RESULTS,
        compute="_compute_result",
        store=True,
        index=True,
        help="Passed once an exam attempt reaches the pass mark; failed or "
        "missed the exam when the batch closed.",
    )
    best_score = fields.Float(compute="_compute_result", store=True)
    attempt_count = fields.Integer(
        string="Attempts", compute="_compute_result", store=True
    )
    absence_count = fields.Integer(
        string="Absences", compute="_compute_attendance", store=True
    )
    attended_all = fields.Boolean(
        string="Attended Every Session",
        compute="_compute_attendance",
        store=True,
        help="Present (or late) at every session of the batch.",
    )
    note = fields.Char()
    flow_block_reason = fields.Char(
        string="Document Flows",
        compute="_compute_flow_block_reason",
        help="Why the trainee may not act in the document flows yet: his unit "
        "requires the exam to be passed first.",
    )

    _sql_constraints = [
        (
            "batch_user_unique",
            "UNIQUE(batch_id, user_id)",
            "A person is enrolled only once in a batch.",
        )
    ]

    @api.depends("exam_ids.passed", "exam_ids.score", "batch_id.state")
    def _compute_result(self):
        """The one place where "passed" is decided: an exam attempt at the
        pass mark, and nothing in ``_oa_pass_blockers()``."""
        blockers = self._oa_pass_blockers()
        for enrolment in self:
            exams = enrolment.exam_ids
            enrolment.attempt_count = len(exams)
            enrolment.best_score = max(exams.mapped("score"), default=0.0)
            if any(exams.mapped("passed")):
                if not blockers.get(enrolment.id):
                    enrolment.result = "passed"
                elif enrolment.batch_id.state == "done":
                    enrolment.result = "failed"
                else:
                    enrolment.result = "pending"
            elif exams:
                enrolment.result = "failed"
            elif enrolment.batch_id.state == "done":
                enrolment.result = "missed"
            else:
                enrolment.result = "pending"

    @api.depends("attendance_ids.status")
    def _compute_attendance(self):
        for enrolment in self:
            statuses = enrolment.attendance_ids.mapped("status")
            enrolment.absence_count = statuses.count("absent")
            enrolment.attended_all = bool(statuses) and all(
                status in ATTENDED for status in statuses
            )

    def _compute_flow_block_reason(self):
        for enrolment in self:
            trainee = enrolment.user_id
            reason = trainee._oa_flow_block_reason() if trainee else False
            enrolment.flow_block_reason = reason

    def _compute_display_name(self):
        for enrolment in self:
            enrolment.display_name = (
                f"{enrolment.user_id.name} · {enrolment.batch_id.name}"
            )

    def _oa_pass_blockers(self):
        """What, besides an operation exam at the pass mark, keeps each
        enrolment from passing: ``{enrolment.id: [reason, ...]}``, nothing by
        default.  An addon that adds a part to the exam (the theory
        certification of oa_training_survey) extends it and adds the fields it
        reads to ``_compute_result``'s dependencies.  Blocked enrolments stay
        pending while the batch is open and fail when it closes, so they take
        the re-enrolment path of a failed exam."""
        return {}

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Enrol people with the batch's Enrol button: enrolments are "
                    "created by the training flow."
                )
            )
        # created by the flow in batches: no creation message per record; the
        # trainees follow their enrolments, added in one insert
        enrolments = super(
            OaTrainingEnrolment,
            self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
        ).create(vals_list)
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": enrolment.id,
                    "partner_id": enrolment.user_id.partner_id.id,
                }
                for enrolment in enrolments
            ]
        )
        enrolments._oa_create_attendance_lines()
        return enrolments.with_env(self.env)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # a trainee's to-do subscribes him to his enrolment, which he already
        # follows since its creation: nothing to do (no query per trainee when
        # a batch of failures is re-enrolled)
        if partner_ids and not subtype_ids:
            following = self.sudo().message_partner_ids.ids
            if set(partner_ids) <= set(following):
                return True
        return super().message_subscribe(partner_ids, subtype_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_before_results(self):
        if self.env.su:
            return
        for enrolment in self:
            if enrolment.batch_id.state != "draft" or enrolment.exam_ids:
                raise UserError(
                    self.env._(
                        "%(name)s's enrolment in “%(batch)s” is part of the training "
                        "record and cannot be deleted.",
                        name=enrolment.user_id.name,
                        batch=enrolment.batch_id.name,
                    )
                )

    # ---- Rights ----

    def _check_can_examine(self):
        """The examiner (or trainer, or the organisers) records results of
        an open batch, for people who have not passed it yet."""
        if not all(isinstance(e_id, int) for e_id in self.ids) or len(
            self.exists()
        ) != len(self):
            raise UserError(self.env._("Choose the enrolment the exam result is for."))
        self.check_access("read")
        for enrolment in self.sudo():
            batch = enrolment.batch_id
            if batch.state != "open":
                raise UserError(
                    self.env._(
                        "Exam results are recorded while the batch is open "
                        "(“%(batch)s” is not).",
                        batch=batch.name,
                    )
                )
            if not batch.with_env(self.env)._oa_can_examine():
                raise AccessError(
                    self.env._(
                        "Only the examiner of “%(batch)s” records its exam results.",
                        batch=batch.name,
                    )
                )
            if enrolment.result == "passed":
                raise UserError(
                    self.env._(
                        "%(name)s has already passed the exam of “%(batch)s”.",
                        name=enrolment.user_id.name,
                        batch=batch.name,
                    )
                )

    # ---- Business ----

    def _oa_create_attendance_lines(self):
        """One attendance line per session of the batch (one create)."""
        sessions = (
            self.env["oa.training.session"]
            .sudo()
            .search([("batch_id", "in", self.batch_id.ids)])
        )
        by_batch = {}
        for session in sessions:
            by_batch.setdefault(session.batch_id.id, []).append(session.id)
        self.env["oa.training.attendance"].sudo().create(
            [
                {"enrolment_id": enrolment.id, "session_id": session_id}
                for enrolment in self
                for session_id in by_batch.get(enrolment.batch_id.id, [])
            ]
        )

    @api.model
    def _oa_passed_users(self, users, kind):
        """Those of ``users`` who passed a training of ``kind``."""
        groups = self.sudo()._read_group(
            [
                ("user_id", "in", users.ids),
                ("kind", "=", kind),
                ("result", "=", "passed"),
            ],
            ["user_id"],
        )
        return self.env["res.users"].union(*(user for (user,) in groups))

    @api.model
    def _oa_retrain_candidates(self, batch=None, kind=None, organiser=None):
        """Enrolments still to re-train: failed or missed in a closed batch,
        not continued yet, the person has not passed this kind and is not
        enrolled in a batch of it that is still to come.  Either those of
        ``batch``, or everybody waiting for a batch of ``kind`` (and
        organising unit).  One query."""
        self.env.flush_all()
        if batch:
            kind, organiser = batch.kind, batch.organiser_unit_id
        where_batch = "AND e.batch_id = %(batch)s" if batch else ""
        self.env.cr.execute(
            f"""
            SELECT DISTINCT ON (e.user_id) e.id
              FROM oa_training_enrolment e
              JOIN oa_training_batch b ON b.id = e.batch_id
             WHERE b.state = 'done'
               AND b.kind = %(kind)s
               AND b.organiser_unit_id IS NOT DISTINCT FROM %(organiser)s
               AND e.result IN %(results)s
               {where_batch}
               AND NOT EXISTS (
                   SELECT 1 FROM oa_training_enrolment c
                    WHERE c.previous_enrolment_id = e.id)
               AND NOT EXISTS (
                   SELECT 1
                     FROM oa_training_enrolment o
                     JOIN oa_training_batch ob ON ob.id = o.batch_id
                    WHERE o.user_id = e.user_id
                      AND ob.kind = b.kind
                      AND ob.organiser_unit_id IS NOT DISTINCT FROM b.organiser_unit_id
                      AND (o.result = 'passed' OR ob.state != 'done'))
             ORDER BY e.user_id, b.date_end DESC, e.id DESC
            """,
            {
                "kind": kind,
                "organiser": organiser.id or None if organiser else None,
                "results": RETRAIN_RESULTS,
                "batch": batch.id if batch else None,
            },
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _oa_notify_retrain(self):
        """A to-do for each re-enrolled trainee (in-app, on his
        enrolment)."""
        if not self:
            return
        self._oa_todo_add(
            [
                (
                    enrolment,
                    enrolment.user_id,
                    self.env._(
                        "Training again: %(batch)s (%(start)s – %(end)s)",
                        batch=enrolment.batch_id.name,
                        start=enrolment.batch_id.date_start,
                        end=enrolment.batch_id.date_end,
                    ),
                    {"date_deadline": enrolment.batch_id.date_start},
                )
                for enrolment in self
            ],
            kind=RETRAIN,
            personal=True,
        )

    def _oa_close_loop(self):
        """A pass closes the loop: the trainee's re-training to-dos of this
        kind are done."""
        for kind in set(self.mapped("kind")):
            passed = self.filtered(lambda e, k=kind: e.kind == k)
            same_kind = self.sudo().search(
                [("user_id", "in", passed.user_id.ids), ("kind", "=", kind)]
            )
            same_kind._oa_todo_complete(
                kind=RETRAIN, everyone=True, feedback=self.env._("Passed.")
            )
