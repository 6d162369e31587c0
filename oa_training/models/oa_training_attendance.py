# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ATTENDANCE_STATUSES


class OaTrainingAttendance(models.Model):
    _name = "oa.training.attendance"
    _inherit = "oa.flow.guard"
    _description = "Training Attendance"
    _order = "session_id, user_id"
    # the lines come with the enrolments; recording a status (``write``)
    # stamps who recorded it and when
    _oa_flow_fields = (
        "session_id",
        "enrolment_id",
        "batch_id",
        "user_id",
        "unit_id",
        "date",
        "recorded_by_id",
        "recorded_on",
    )

    session_id = fields.Many2one(
        "oa.training.session", required=True, ondelete="cascade", index=True
    )
    enrolment_id = fields.Many2one(
        "oa.training.enrolment", required=True, ondelete="cascade", index=True
    )
    batch_id = fields.Many2one(related="session_id.batch_id", store=True, index=True)
    user_id = fields.Many2one(
        related="enrolment_id.user_id", string="Trainee", store=True, index=True
    )
    unit_id = fields.Many2one(
        related="enrolment_id.unit_id", string="Unit", store=True, index=True
    )
    date = fields.Date(related="session_id.date", store=True)
    status = fields.Selection(ATTENDANCE_STATUSES)
    reason = fields.Char(help="Why the trainee was excused or absent.")
    recorded_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    recorded_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "session_enrolment_unique",
            "UNIQUE(session_id, enrolment_id)",
            "A trainee has one attendance line per session.",
        )
    ]

    @api.constrains("status", "reason")
    def _check_reason(self):
        for line in self:
            if line.status == "excused" and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason why %(name)s is excused (%(session)s).",
                        name=line.user_id.name,
                        session=line.session_id.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Attendance lines are created with the enrolments; record "
                    "each person's status instead."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        # the guard sees the recorder's values before the flow stamps them
        # and writes as the superuser
        self._oa_check_flow_vals(vals)
        self._check_can_record()
        return super(OaTrainingAttendance, self.sudo()).write(
            dict(
                vals,
                recorded_by_id=self.env.uid,
                recorded_on=fields.Datetime.now(),
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Attendance records are never deleted."))

    # ---- Rights ----

    def _check_can_record(self):
        """Who records: the batch's trainer, examiner and organisers for
        everybody; a unit administrator for the people of his units — and
        only while the batch is open."""
        self.check_access("write")
        for batch in self.batch_id:
            lines = self.filtered(lambda a, b=batch: a.batch_id == b)
            if batch.state != "open":
                raise UserError(
                    self.env._(
                        "Attendance is recorded while the batch is open "
                        "(“%(batch)s” is not).",
                        batch=batch.name,
                    )
                )
            if not batch._oa_can_record_attendance(lines.sudo().unit_id):
                raise AccessError(
                    self.env._(
                        "You cannot record the attendance of these trainees of "
                        "“%(batch)s”.",
                        batch=batch.name,
                    )
                )
