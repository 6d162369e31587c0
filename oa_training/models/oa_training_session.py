# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.oa_base.tools.local_time import company_tz

# the company's local hours of a half-day session
HALF_DAY_HOURS = {"am": (time(8, 30), time(12, 0)), "pm": (time(14, 0), time(17, 30))}


class OaTrainingSession(models.Model):
    _name = "oa.training.session"
    _description = "Training Session"
    _order = "date, half, id"

    batch_id = fields.Many2one(
        "oa.training.batch", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Topic", required=True)
    date = fields.Date(required=True)
    half = fields.Selection(
        [("am", "Morning"), ("pm", "Afternoon")],
        string="Half-day",
        required=True,
        default="am",
    )
    start = fields.Datetime(compute="_compute_start_stop", store=True)
    stop = fields.Datetime(compute="_compute_start_stop", store=True)
    place = fields.Char(related="batch_id.place")
    trainer_id = fields.Many2one(related="batch_id.trainer_id")
    kind = fields.Selection(related="batch_id.kind", store=True)
    batch_state = fields.Selection(related="batch_id.state", string="Batch Status")
    attendance_ids = fields.One2many(
        "oa.training.attendance", "session_id", string="Attendance"
    )
    attendance_todo = fields.Integer(
        string="Not Recorded", compute="_compute_attendance_todo"
    )

    _sql_constraints = [
        (
            "batch_slot_unique",
            "UNIQUE(batch_id, date, half)",
            "A batch has one session per half-day.",
        )
    ]

    @api.depends("date", "half")
    def _compute_start_stop(self):
        # the sessions take place at the company, on its time: whoever
        # computes them (a user in another time zone) sees the same hours
        tz = company_tz(self.env)
        for session in self:
            if not session.date:
                session.start = session.stop = False
                continue
            begin, end = HALF_DAY_HOURS[session.half or "am"]
            session.start, session.stop = (
                tz.localize(datetime.combine(session.date, moment))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
                for moment in (begin, end)
            )

    def _compute_attendance_todo(self):
        counts = dict(
            self.env["oa.training.attendance"]._read_group(
                [("session_id", "in", self.ids), ("status", "=", False)],
                ["session_id"],
                ["__count"],
            )
        )
        for session in self:
            session.attendance_todo = counts.get(session, 0)

    @api.constrains("date", "batch_id")
    def _check_date_in_batch(self):
        for session in self:
            batch = session.batch_id
            if not batch.date_start <= session.date <= batch.date_end:
                raise UserError(
                    self.env._(
                        "Session “%(session)s” is outside the dates of “%(batch)s”.",
                        session=session.name,
                        batch=batch.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        batches = self.env["oa.training.batch"].browse(
            [vals.get("batch_id") for vals in vals_list if vals.get("batch_id")]
        )
        if not self.env.su:
            batches._oa_check_can_manage()
            if batches.filtered(lambda b: b.state == "done"):
                raise UserError(self.env._("A closed batch gets no new sessions."))
        sessions = super().create(vals_list)
        # the people already enrolled get a line for the new sessions
        self.env["oa.training.attendance"].sudo().create(
            [
                {"enrolment_id": enrolment.id, "session_id": session.id}
                for session in sessions
                for enrolment in session.batch_id.sudo().enrolment_ids
            ]
        )
        return sessions

    def write(self, vals):
        # the trainer and the unit administrators record attendance through
        # the session's list; the session itself belongs to the organisers
        if not self.env.su and set(vals) - {"attendance_ids"}:
            self.batch_id._oa_check_can_manage()
            if self.filtered(lambda s: s.batch_id.state == "done"):
                raise UserError(
                    self.env._("The sessions of a closed batch can no longer change.")
                )
        if not self.env.su and "attendance_ids" in vals:
            for command in vals["attendance_ids"]:
                if command[0] != fields.Command.UPDATE:
                    raise UserError(
                        self.env._(
                            "Attendance lines are created with the enrolments; "
                            "record each person's status instead."
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.env.su:
            return
        self.batch_id._oa_check_can_manage()
        if self.filtered(lambda s: s.batch_id.state != "draft"):
            raise UserError(
                self.env._("Only the sessions of a draft batch can be deleted.")
            )

    # ---- Actions ----

    def action_open_attendance(self):
        """The attendance sheet of the session: its lines, recorded by the
        trainer (and whoever records it) while the batch is open."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_mark_all_present(self):
        """Mark everybody not recorded yet as present (what the recorder
        may record)."""
        self.ensure_one()
        lines = self.attendance_ids.filtered(lambda a: not a.status)
        if lines:
            lines.write({"status": "present"})
        return True
