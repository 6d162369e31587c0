# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingFlow(OaTrainingCommon):
    def test_batch_states(self):
        batch = self.make_batch("第一批", 2, open_it=False)
        self.assertRecordValues(batch, [{"state": "draft", "session_count": 4}])
        batch.with_user(self.project_user).action_open()
        self.assertEqual(batch.state, "open")
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).action_open()
        batch.with_user(self.project_user).action_close()
        self.assertRecordValues(
            batch, [{"state": "done", "closed_by_id": self.project_user.id}]
        )
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).action_close()

    def test_sessions_have_half_day_times(self):
        batch = self.make_batch("第一批", 2, open_it=False)
        morning, afternoon = batch.session_ids[:2]
        # 08:30 and 14:00 in Shanghai (UTC+8)
        self.assertEqual(morning.start.hour, 0)
        self.assertEqual(afternoon.start.hour, 6)

    def test_enrol_whole_unit(self):
        batch = self.make_batch("第一批", 2)
        batch.with_user(self.project_user).action_enrol_unit(self.unit_a.id)
        unit_people = self.env["res.users"].search(
            [("oa_unit_id", "=", self.unit_a.id), ("share", "=", False)]
        )
        self.assertEqual(batch.enrolment_ids.user_id, unit_people)
        self.assertEqual(set(batch.enrolment_ids.mapped("origin")), {"unit"})
        self.assertEqual(set(batch.enrolment_ids.mapped("unit_id")), {self.unit_a})
        # every enrolment has a line per session
        self.assertEqual(len(batch.enrolment_ids.attendance_ids), 4 * len(unit_people))
        # again: nobody twice
        batch.with_user(self.project_user).action_enrol_unit(self.unit_a.id)
        self.assertEqual(len(batch.enrolment_ids), len(unit_people))

    def test_enrol_unit_not_passed_yet(self):
        first = self.make_batch("第一批", 2)
        self.enrol(first, self.staff_a)
        self.examine(first, {self.staff_a: 90})
        second = self.make_batch("第二批", 4)
        second.with_user(self.project_user).action_enrol_unit(
            self.unit_a.id, only_not_passed=True
        )
        self.assertNotIn(self.staff_a, second.enrolment_ids.user_id)
        self.assertIn(self.admin_a1, second.enrolment_ids.user_id)

    def test_capacity_refuses_manual_enrolment(self):
        batch = self.make_batch("第一批", 2, capacity=1)
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).action_enrol_users(
                (self.staff_a | self.staff_b).ids
            )
        self.assertFalse(batch.enrolment_ids)

    def test_enrol_input_is_validated(self):
        batch = self.make_batch("第一批", 2)
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).action_enrol_users("1,2")
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).action_enrol_unit("x")

    def test_attendance_recorded_in_one_save(self):
        batch = self.make_batch("第一批", 2)
        enrolments = self.enrol(batch, self.staff_a | self.staff_b)
        session = batch.session_ids[0]
        lines = session.attendance_ids.sorted("id")
        self.assertEqual(len(lines), 2)
        session.with_user(self.trainer).write(
            {
                "attendance_ids": [
                    (1, lines[0].id, {"status": "present"}),
                    (1, lines[1].id, {"status": "excused", "reason": "出差"}),
                ]
            }
        )
        self.assertRecordValues(
            lines,
            [
                {"status": "present", "recorded_by_id": self.trainer.id},
                {"status": "excused", "recorded_by_id": self.trainer.id},
            ],
        )
        self.assertEqual(enrolments.mapped("absence_count"), [0, 0])

    def test_excused_needs_a_reason(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a)
        line = batch.session_ids[0].attendance_ids
        with self.assertRaises(ValidationError):
            line.with_user(self.trainer).write({"status": "excused"})

    def test_attendance_lines_cannot_be_added_or_removed(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a)
        session = batch.session_ids[0]
        line = session.attendance_ids
        with self.assertRaises(UserError):
            session.with_user(self.trainer).write({"attendance_ids": [(2, line.id)]})
        with self.assertRaises(UserError):
            session.with_user(self.trainer).write({"name": "改名"})
        self.assert_unchanged(session, name="课0", attendance_ids=line.ids)

    def test_attendance_only_while_open(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a)
        self.close(batch)
        line = batch.session_ids[0].attendance_ids
        with self.assertRaises(UserError):
            line.with_user(self.trainer).write({"status": "absent"})
        self.assert_unchanged(line, status=False)

    def test_exam_passed_against_pass_mark(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a | self.staff_b)
        self.examine(batch, {self.staff_a: 60, self.staff_b: 59.5})
        exams = batch.exam_ids.sorted(lambda e: e.user_id.login)
        self.assertRecordValues(
            exams,
            [
                {
                    "user_id": self.staff_a.id,
                    "passed": True,
                    "pass_mark": 60,
                    "examiner_id": self.examiner.id,
                },
                {
                    "user_id": self.staff_b.id,
                    "passed": False,
                    "pass_mark": 60,
                    "examiner_id": self.examiner.id,
                },
            ],
        )
        self.assertEqual(
            self.enrolment(batch, self.staff_a | self.staff_b)
            .sorted(lambda e: e.user_id.login)
            .mapped("result"),
            ["passed", "failed"],
        )

    def test_attempts_are_kept(self):
        """A second attempt is a new row; the first one stays as it was."""
        batch = self.make_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 40})
        self.examine(batch, {self.staff_a: 75})
        self.assertEqual(sorted(enrolment.exam_ids.mapped("score")), [40, 75])
        self.assertRecordValues(enrolment, [{"result": "passed", "attempt_count": 2}])
        # a passed enrolment takes no more attempts
        with self.assertRaises(UserError):
            self.examine(batch, {self.staff_a: 99})

    def test_exam_wizard_records_the_list(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a | self.staff_b)
        wizard = (
            self.env["oa.training.exam.wizard"]
            .with_user(self.examiner)
            .with_context(default_batch_id=batch.id)
            .create({})
        )
        self.assertEqual(len(wizard.line_ids), 2)
        for line in wizard.line_ids:
            if line.user_id == self.staff_a:
                line.score = "82"
            else:
                line.skip = True
        wizard.action_confirm()
        self.assertEqual(batch.exam_ids.user_id, self.staff_a)

    @mute_logger("odoo.sql_db")
    def test_score_range(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.staff_a)
        with self.assertRaises(IntegrityError):
            self.examine(batch, {self.staff_a: 101})

    def test_enrol_wizard(self):
        batch = self.make_batch("第一批", 2)
        Wizard = self.env["oa.training.enrol.wizard"].with_user(self.admin_a1)
        Wizard.create(
            {
                "batch_id": batch.id,
                "mode": "unit_not_passed",
                "unit_id": self.unit_a_sub.id,
            }
        ).action_confirm()
        self.assertEqual(batch.enrolment_ids.user_id, self.staff_a_sub)
        Wizard.create(
            {
                "batch_id": batch.id,
                "mode": "users",
                "user_ids": [(6, 0, self.staff_a.ids)],
            }
        ).action_confirm()
        self.assertEqual(batch.enrolment_ids.user_id, self.staff_a_sub | self.staff_a)
        with self.assertRaises(UserError):
            Wizard.create({"batch_id": batch.id, "mode": "unit"}).action_confirm()
