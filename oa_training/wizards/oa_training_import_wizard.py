# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date, datetime

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.common import ATTENDANCE_STATUSES

try:
    import openpyxl
except ImportError:  # pragma: no cover - an Odoo requirement
    openpyxl = None

# column order of the sheet (the header row is for people)
COLUMNS = ("login", "name", "date", "half", "status", "reason", "score")
HALVES = {"am": "am", "pm": "pm", "上午": "am", "下午": "pm"}
STATUSES_ZH = {"出勤": "present", "迟到": "late", "缺勤": "absent", "请假": "excused"}


class OaTrainingImportWizard(models.TransientModel):
    """Trainers collect attendance and scores on paper and type them into
    a sheet: this imports it for one batch, all rows or none."""

    _name = "oa.training.import.wizard"
    _description = "Import Attendance and Results"

    batch_id = fields.Many2one("oa.training.batch", required=True, readonly=True)
    file = fields.Binary(string="Sheet (.xlsx)")
    filename = fields.Char()
    template_file = fields.Binary(readonly=True)

    # ---- Template ----

    def _headers(self):
        _ = self.env._
        return [
            _("Login"),
            _("Name"),
            _("Session Date"),
            _("Half-day (am/pm)"),
            _("Attendance"),
            _("Reason"),
            _("Score"),
        ]

    def _template_bytes(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = self.batch_id.name[:31]
        sheet.append(self._headers())
        sessions = self.batch_id.session_ids
        for enrolment in self.batch_id.enrolment_ids:
            for session in sessions:
                sheet.append(
                    [
                        enrolment.user_id.login,
                        enrolment.user_id.name,
                        session.date.isoformat(),
                        session.half,
                        "",
                        "",
                        "",
                    ]
                )
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def action_download_template(self):
        self.ensure_one()
        self.template_file = base64.b64encode(self._template_bytes())
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/template_file/"
            f"template.xlsx?download=true",
            "target": "self",
        }

    # ---- Import ----

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the .xlsx sheet to import."))
        rows = self._read_rows(base64.b64decode(self.file))
        attendance, scores, errors = self._check_rows(rows)
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported; correct these rows and import again:\n"
                    "%(errors)s",
                    errors="\n".join(errors),
                )
            )
        self._write(attendance, scores)
        return {"type": "ir.actions.act_window_close"}

    def _read_rows(self, content):
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
        except Exception as error:
            raise UserError(
                self.env._("This is not an .xlsx sheet (%(error)s).", error=error)
            ) from error
        sheet = workbook.worksheets[0]
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1 or not any(cell not in (None, "") for cell in row):
                continue
            values = dict(zip(COLUMNS, list(row) + [None] * len(COLUMNS), strict=False))
            rows.append((number, values))
        return rows

    def _status_codes(self):
        codes = {code: code for code, _label in ATTENDANCE_STATUSES}
        codes.update(STATUSES_ZH)
        field = self.env["oa.training.attendance"]._fields["status"]
        codes.update(
            {label: code for code, label in field._description_selection(self.env)}
        )
        return codes

    def _check_rows(self, rows):  # noqa: C901 - one check per column
        """Every row is checked before anything is written."""
        _ = self.env._
        batch = self.batch_id
        enrolments = {e.user_id.login: e for e in batch.enrolment_ids}
        lines = {
            (line.enrolment_id.id, line.session_id.date, line.session_id.half): line
            for line in batch.enrolment_ids.attendance_ids
        }
        statuses = self._status_codes()
        attendance, scores, errors = {}, {}, []
        for number, row in rows:
            login = str(row["login"] or "").strip()
            enrolment = enrolments.get(login)
            if not enrolment:
                errors.append(
                    _(
                        "Row %(row)s: %(login)s is not enrolled in this batch.",
                        row=number,
                        login=login or _("(no login)"),
                    )
                )
                continue
            if row["status"] not in (None, ""):
                day = row["date"]
                if isinstance(day, datetime):
                    day = day.date()
                elif not isinstance(day, date):
                    try:
                        day = date.fromisoformat(str(day).strip())
                    except ValueError:
                        day = None
                half = HALVES.get(str(row["half"] or "").strip().lower()) or HALVES.get(
                    str(row["half"] or "").strip()
                )
                line = lines.get((enrolment.id, day, half))
                status = statuses.get(str(row["status"]).strip())
                reason = str(row["reason"] or "").strip()
                if not line:
                    errors.append(
                        _(
                            "Row %(row)s: the batch has no session on %(date)s "
                            "%(half)s.",
                            row=number,
                            date=row["date"] or "",
                            half=row["half"] or "",
                        )
                    )
                elif not status:
                    errors.append(
                        _(
                            "Row %(row)s: “%(value)s” is not an attendance status "
                            "(present, late, absent, excused).",
                            row=number,
                            value=row["status"],
                        )
                    )
                elif status == "excused" and not reason:
                    errors.append(
                        _("Row %(row)s: give the reason of the leave.", row=number)
                    )
                else:
                    attendance[line] = (status, reason or False)
            if row["score"] not in (None, ""):
                try:
                    score = float(row["score"])
                except (TypeError, ValueError):
                    score = -1
                if not 0 <= score <= 100:
                    errors.append(
                        _(
                            "Row %(row)s: the score “%(value)s” is not a number "
                            "between 0 and 100.",
                            row=number,
                            value=row["score"],
                        )
                    )
                elif scores.get(enrolment, score) != score:
                    errors.append(
                        _(
                            "Row %(row)s: %(login)s has two different scores.",
                            row=number,
                            login=login,
                        )
                    )
                else:
                    scores[enrolment] = score
        if not rows:
            errors.append(_("The sheet has no rows to import."))
        return attendance, scores, errors

    def _write(self, attendance, scores):
        """As the importing user, through the same guards as the screens."""
        groups = {}
        for line, values in attendance.items():
            groups.setdefault(values, self.env["oa.training.attendance"])
            groups[values] |= line
        for (status, reason), lines in groups.items():
            lines.write({"status": status, "reason": reason})
        if scores:
            self.env["oa.training.exam"].create(
                [
                    {"enrolment_id": enrolment.id, "score": score}
                    for enrolment, score in scores.items()
                ]
            )
