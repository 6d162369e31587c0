# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingAccess(OaTrainingCommon):
    """Attacks from RPC-reachable entry points, as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.batch = cls.make_batch("第一批", 2)
        cls.batch.with_user(cls.project_user).action_enrol_users(
            (cls.staff_a | cls.staff_b | cls.admin_a1).ids
        )
        cls.enrol_a = cls.batch.enrolment_ids.filtered(
            lambda e: e.user_id == cls.staff_a
        )
        cls.enrol_b = cls.batch.enrolment_ids.filtered(
            lambda e: e.user_id == cls.staff_b
        )
        cls.Exam.with_user(cls.examiner).create(
            [
                {"enrolment_id": cls.enrol_a.id, "score": 50},
                {"enrolment_id": cls.enrol_b.id, "score": 70},
            ]
        )
        cls.exam_a = cls.enrol_a.exam_ids
        cls.exam_b = cls.enrol_b.exam_ids

    # ---- who sees what ----

    def test_trainee_sees_only_his_own_results(self):
        Enrolment = self.env["oa.training.enrolment"].with_user(self.staff_a)
        self.assertEqual(Enrolment.search([]), self.enrol_a)
        self.assertEqual(self.Exam.with_user(self.staff_a).search([]), self.exam_a)
        attendance = self.env["oa.training.attendance"].with_user(self.staff_a)
        self.assertEqual(attendance.search([]).user_id, self.staff_a)
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.exam_b.with_user(self.staff_a).read(["score"])
        # the schedule is public
        self.assertTrue(self.batch.with_user(self.staff_a).read(["name"]))

    def test_unit_admin_sees_only_his_units_people(self):
        Enrolment = self.env["oa.training.enrolment"].with_user(self.admin_b)
        self.assertEqual(
            Enrolment.search([("batch_id", "=", self.batch.id)]), self.enrol_b
        )
        self.assertEqual(
            self.Exam.with_user(self.admin_b).search(
                [("batch_id", "=", self.batch.id)]
            ),
            self.exam_b,
        )
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.enrol_a.with_user(self.admin_b).read(["result"])
        # unit A's administrator sees A's people (and the sub-unit's)
        seen = (
            self.env["oa.training.enrolment"]
            .with_user(self.admin_a1)
            .search([("batch_id", "=", self.batch.id)])
        )
        self.assertEqual(seen.user_id, self.staff_a | self.admin_a1)

    def test_project_group_sees_all(self):
        seen = (
            self.env["oa.training.enrolment"]
            .with_user(self.project_user)
            .search([("batch_id", "=", self.batch.id)])
        )
        self.assertEqual(len(seen), 3)

    # ---- who records ----

    def test_unit_admin_records_his_own_people_only(self):
        line_a = self.enrol_a.attendance_ids[0]
        line_b = self.enrol_b.attendance_ids[0]
        line_a.with_user(self.admin_a1).write({"status": "late"})
        self.assertEqual(line_a.status, "late")
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            line_b.with_user(self.admin_a1).write({"status": "absent"})
        # through the session's list too
        session = line_b.session_id
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            session.with_user(self.admin_a1).write(
                {"attendance_ids": [(1, line_b.id, {"status": "absent"})]}
            )
        self.assert_unchanged(line_b, status=False)

    def test_trainee_cannot_record_attendance_or_exams(self):
        line = self.enrol_a.attendance_ids[0]
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            line.with_user(self.staff_a).write({"status": "present"})
        with self.assertRaises(AccessError):
            self.Exam.with_user(self.staff_a).create(
                {"enrolment_id": self.enrol_a.id, "score": 100}
            )
        self.assert_unchanged(line, status=False)
        self.assert_unchanged(self.enrol_a, result="failed", attempt_count=1)

    def test_unit_admin_cannot_examine_project_batches(self):
        with self.assertRaises(AccessError):
            self.Exam.with_user(self.admin_a1).create(
                {"enrolment_id": self.enrol_a.id, "score": 100}
            )
        self.assert_unchanged(self.enrol_a, result="failed", attempt_count=1)

    def test_enrolments_come_from_the_flow(self):
        for user in (self.staff_a, self.admin_a1, self.project_user):
            with self.assertRaises(UserError):
                self.env["oa.training.enrolment"].with_user(user).create(
                    {"batch_id": self.batch.id, "user_id": self.staff_a_sub.id}
                )
        self.assertFalse(self.enrolment(self.batch, self.staff_a_sub))

    def test_unit_admin_enrols_his_own_people_only(self):
        self.batch.with_user(self.admin_a1).action_enrol_users(self.staff_a_sub.ids)
        self.assertTrue(self.enrolment(self.batch, self.staff_a_sub))
        with self.assertRaises(AccessError):
            self.batch.with_user(self.admin_a1).action_enrol_users(self.liaison.ids)
        with self.assertRaises(AccessError):
            self.batch.with_user(self.admin_a1).action_enrol_unit(self.unit_b.id)
        with self.assertRaises(AccessError):
            self.batch.with_user(self.staff_a).action_enrol_users(self.staff_a_sub.ids)
        self.assertFalse(self.enrolment(self.batch, self.liaison))

    def test_batches_belong_to_their_organisers(self):
        with self.assertRaises(AccessError):
            self.Batch.with_user(self.admin_a1).create(
                {
                    "name": "私设批次",
                    "kind": "staff",
                    "date_start": "2030-05-01",
                    "date_end": "2030-05-02",
                }
            )
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.batch.with_user(self.admin_a1).write({"pass_mark": 10})
        with self.assertRaises(AccessError):
            self.batch.with_user(self.admin_a1).action_close()
        with self.assertRaises(AccessError):
            self.batch.with_user(self.trainer).action_close()
        self.assert_unchanged(self.batch, pass_mark=60, state="open")
        # a unit administrator organises his own unit's end-user training
        own = self.Batch.with_user(self.admin_a1).create(
            {
                "name": "甲单位最终用户培训",
                "kind": "end_user",
                "organiser_unit_id": self.unit_a.id,
                "date_start": "2030-05-01",
                "date_end": "2030-05-02",
            }
        )
        self.assertEqual(own.state, "draft")
        # and cannot hand it over to a unit he does not administer
        with self.assertRaises(AccessError):
            own.with_user(self.admin_a1).write({"organiser_unit_id": self.unit_b.id})
        self.assert_unchanged(own, organiser_unit_id=self.unit_a.id)
        with self.assertRaises(AccessError):
            self.Batch.with_user(self.admin_b).create(
                {
                    "name": "越权培训",
                    "kind": "end_user",
                    "organiser_unit_id": self.unit_a.id,
                    "date_start": "2030-05-01",
                    "date_end": "2030-05-02",
                }
            )

    # ---- protected fields ----

    def test_protected_fields_are_refused(self):
        project = self.project_user
        with self.assertRaises(UserError):
            self.batch.with_user(project).write({"state": "done"})
        with self.assertRaises(UserError):
            self.Batch.with_user(project).create(
                {
                    "name": "直接结业",
                    "kind": "staff",
                    "state": "done",
                    "date_start": "2030-05-01",
                    "date_end": "2030-05-02",
                }
            )
        with self.assertRaises(UserError):
            self.enrol_a.with_user(project).write({"result": "passed"})
        with self.assertRaises(UserError):
            self.enrol_a.with_user(project).write({"user_id": self.staff_b.id})
        with self.assertRaises(UserError):
            self.exam_a.with_user(project).write({"score": 99})
        with self.assertRaises(UserError):
            self.exam_a.with_user(project).write({"examiner_id": project.id})
        with self.assertRaises(UserError):
            self.Exam.with_user(self.examiner).create(
                {"enrolment_id": self.enrol_a.id, "score": 70, "pass_mark": 10}
            )
        line = self.enrol_a.attendance_ids[0]
        with self.assertRaises(UserError):
            line.with_user(self.trainer).write({"recorded_by_id": project.id})
        self.assert_unchanged(self.batch, state="open")
        self.assert_unchanged(
            self.enrol_a, result="failed", user_id=self.staff_a.id, attempt_count=1
        )
        self.assert_unchanged(self.exam_a, score=50, examiner_id=self.examiner.id)
        self.assert_unchanged(line, recorded_by_id=False)

    def test_attempts_are_never_deleted(self):
        with self.assertRaises(UserError):
            self.exam_a.with_user(self.project_user).unlink()
        with self.assertRaises(UserError):
            self.enrol_a.with_user(self.project_user).unlink()
        self.assertTrue(self.exam_a.exists() and self.enrol_a.exists())

    def test_rates_are_read_only(self):
        rates = self.env["oa.training.rate"]._oa_snapshot(
            units=self.unit_a | self.unit_b
        )
        with self.assertRaises(UserError):
            rates.with_user(self.project_user).write({"rate": 100})
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            rates.filtered(lambda r: r.unit_id == self.unit_a).with_user(
                self.admin_b
            ).read(["rate"])
        self.assertEqual(
            self.env["oa.training.rate"]
            .with_user(self.admin_b)
            .search([("id", "in", rates.ids)])
            .unit_id,
            self.unit_b,
        )
