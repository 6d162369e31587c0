# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Daily use: the exam sheet records only the scores typed; attendance is
taken from the batch; the calendar opens on the batch's days."""

from datetime import date

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import YEAR, OaTrainingCommon


@tagged("post_install", "-at_install")
class TestExamSheet(OaTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.batch = cls.make_batch("日常第一批", 2)
        cls.batch.with_user(cls.project_user).action_enrol_users(
            (cls.staff_a | cls.staff_b).ids
        )

    def sheet(self):
        return (
            self.env["oa.training.exam.wizard"]
            .with_user(self.examiner)
            .with_context(default_batch_id=self.batch.id)
            .create({})
        )

    def line(self, wizard, user):
        return wizard.line_ids.filtered(lambda line: line.user_id == user)

    def assert_not_examined(self, *users):
        self.env.flush_all()
        self.env.invalidate_all()
        for user in users:
            enrolment = self.enrolment(self.batch, user).sudo()
            self.assertFalse(enrolment.exam_ids, user.login)
            self.assertEqual(enrolment.result, "pending", user.login)

    def test_scores_start_empty(self):
        wizard = self.sheet()
        self.assertEqual(len(wizard.line_ids), 2)
        # what the list shows: nothing, not 0.00
        self.assertEqual(
            [row["score"] for row in wizard.line_ids.read(["score"])], [False, False]
        )

    def test_only_typed_scores_are_recorded(self):
        wizard = self.sheet()
        # 0 is a score when it is typed
        self.line(wizard, self.staff_a).score = "0"
        wizard.action_confirm()
        self.env.flush_all()
        self.env.invalidate_all()
        exams = self.batch.sudo().exam_ids
        self.assertRecordValues(
            exams, [{"user_id": self.staff_a.id, "score": 0.0, "passed": False}]
        )
        self.assertEqual(self.enrolment(self.batch, self.staff_a).result, "failed")
        self.assert_not_examined(self.staff_b)

    def test_empty_sheet_records_nothing(self):
        self.sheet().action_confirm()
        self.assert_not_examined(self.staff_a, self.staff_b)

    def test_score_typed_wrong_records_nothing(self):
        wizard = self.sheet()
        self.line(wizard, self.staff_a).score = "85"
        self.line(wizard, self.staff_b).score = "八十"
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assert_not_examined(self.staff_a, self.staff_b)

    def test_typed_scores_with_decimals(self):
        wizard = self.sheet()
        self.line(wizard, self.staff_a).score = " 59.5 "
        self.line(wizard, self.staff_b).score = "60"
        wizard.action_confirm()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            sorted(self.batch.sudo().exam_ids.mapped("score")), [59.5, 60.0]
        )


@tagged("post_install", "-at_install")
class TestAttendanceFromBatch(OaTrainingCommon):
    def test_batch_form_opens_a_session_sheet(self):
        batch = self.make_batch("日常第二批", 9)
        self.enrol(batch, self.staff_a)
        # the batch form lists its sessions, each with the button to its sheet
        arch = (
            self.env["oa.training.batch"]
            .with_user(self.trainer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        buttons = etree.fromstring(arch).xpath(
            "//field[@name='session_ids']/list//button[@name='action_open_attendance']"
        )
        self.assertEqual(len(buttons), 1)
        session = batch.session_ids[0].with_user(self.trainer)
        action = session.action_open_attendance()
        self.assertEqual(
            (action["res_model"], action["res_id"], action["view_mode"]),
            ("oa.training.session", session.id, "form"),
        )
        # the sheet is the session's lines, recorded by the trainer
        Session = self.env[action["res_model"]].with_user(self.trainer)
        sheet = Session.browse(action["res_id"])
        line = sheet.attendance_ids
        self.assertEqual(line.user_id, self.staff_a)
        sheet.write({"attendance_ids": [(1, line.id, {"status": "late"})]})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(
            line.sudo(), [{"status": "late", "recorded_by_id": self.trainer.id}]
        )

    def test_calendar_opens_on_the_batch(self):
        batch = self.make_batch("日常第三批", 16)
        other = self.make_batch("日常第四批", 23)
        action = batch.with_user(self.trainer).action_open_calendar()
        self.assertEqual(action["res_model"], "oa.training.session")
        self.assertTrue(action["view_mode"].startswith("calendar"))
        first = min(batch.session_ids.mapped("start"))
        self.assertEqual(
            action["context"]["initial_date"], fields.Datetime.to_string(first)
        )
        # 08:30 in Shanghai of the batch's first day
        self.assertEqual(first.date(), date(YEAR, 2, 16))
        sessions = self.env["oa.training.session"].search(action["domain"])
        self.assertEqual(sessions, batch.session_ids)
        self.assertFalse(sessions & other.session_ids)

    def test_calendar_of_a_batch_without_sessions(self):
        batch = self.Batch.with_user(self.project_user).create(
            {
                "name": "日常第五批",
                "date_start": date(YEAR, 3, 6),
                "date_end": date(YEAR, 3, 7),
            }
        )
        action = batch.with_user(self.project_user).action_open_calendar()
        self.assertEqual(action["context"]["initial_date"], f"{YEAR}-03-06 12:00:00")
