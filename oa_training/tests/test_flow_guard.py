# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Only the flow moves a training record (``oa.flow.guard``): neither the
values of a create or a write, nor ``default_*`` keys of the context or
personal defaults, nor an import set what the transitions set."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaTrainingCommon

FORGED_DATE = "2020-01-01 00:00:00"


@tagged("post_install", "-at_install")
class TestTrainingFlowGuard(OaTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.batch = cls.make_batch("第一批", 2)
        cls.batch.with_user(cls.project_user).action_enrol_users(
            (cls.staff_a | cls.staff_b).ids
        )
        cls.enrol_a = cls.batch.enrolment_ids.filtered(
            lambda e: e.user_id == cls.staff_a
        )
        cls.enrol_b = cls.batch.enrolment_ids.filtered(
            lambda e: e.user_id == cls.staff_b
        )
        cls.Exam.with_user(cls.examiner).create(
            {"enrolment_id": cls.enrol_a.id, "score": 50}
        )
        cls.exam_a = cls.enrol_a.exam_ids
        cls.line_a = cls.enrol_a.attendance_ids[0]
        # an end-user batch of unit A: its administrators may write it too
        cls.own_batch = cls.make_batch(
            "甲单位最终用户培训",
            20,
            kind="end_user",
            organiser_unit_id=cls.unit_a.id,
            open_it=False,
        )
        cls.roles = (*cls.every_role, cls.trainer, cls.examiner)

    def batch_vals(self, name, **extra):
        return {
            "name": name,
            "kind": "staff",
            "date_start": "2030-06-01",
            "date_end": "2030-06-02",
            **extra,
        }

    def assert_all_refused(self, records, forged):
        """Every role, every field of ``forged``: a UserError."""
        for user in self.roles:
            for name, value in forged.items():
                with (
                    self.subTest(user=user.login, model=records._name, field=name),
                    mute_logger(
                        "odoo.addons.base.models.ir_rule",
                        "odoo.addons.base.models.ir_model",
                    ),
                    self.assertRaises(UserError),
                ):
                    records.with_user(user).write({name: value})

    # ---- default_* keys and personal defaults ----

    def test_default_keys_do_not_close_a_new_batch(self):
        """The reproduction: the project group creates a batch with
        ``default_state=done`` and a forged close date and actor."""
        forged = {
            "default_state": "done",
            "default_date_closed": FORGED_DATE,
            "default_closed_by_id": self.project_user.id,
        }
        batch = (
            self.Batch.with_user(self.project_user)
            .with_context(**forged)
            .create(self.batch_vals("上下文结业"))
        )
        self.assert_unchanged(
            batch, state="draft", date_closed=False, closed_by_id=False
        )
        # the end-user training of a unit administrator likewise
        own = (
            self.Batch.with_user(self.admin_a1)
            .with_context(**forged)
            .create(
                self.batch_vals(
                    "上下文结业二", kind="end_user", organiser_unit_id=self.unit_a.id
                )
            )
        )
        self.assert_unchanged(own, state="draft", date_closed=False, closed_by_id=False)
        # what the web form starts from
        defaults = (
            self.Batch.with_user(self.project_user)
            .with_context(**forged)
            .default_get(["state", "date_closed", "closed_by_id"])
        )
        self.assertEqual(defaults, {"state": "draft"})

    def test_personal_defaults_do_not_close_a_new_batch(self):
        IrDefault = self.env["ir.default"]
        user = self.project_user
        IrDefault.set("oa.training.batch", "state", "done", user_id=user.id)
        IrDefault.set("oa.training.batch", "closed_by_id", user.id, user_id=user.id)
        batch = self.Batch.with_user(user).create(self.batch_vals("个人默认结业"))
        self.assert_unchanged(batch, state="draft", closed_by_id=False)

    def test_default_keys_do_not_stick_on_enrolments_and_attendance(self):
        """Enrolments and attendance lines are created by the flow only; in
        a forged context their forms start from nothing of it, and enrolling
        creates neither forged values nor an exam."""
        forged = {
            "default_origin": "retrain",
            "default_previous_enrolment_id": self.enrol_a.id,
            "default_unit_id": self.unit_b.id,
            "default_exam_ids": [Command.create({"score": 100})],
            "default_best_score": 100,
            "default_attempt_count": 3,
            "default_status": "present",
            "default_recorded_by_id": self.project_user.id,
            "default_recorded_on": FORGED_DATE,
        }
        for user in (self.project_user, self.admin_a1, self.trainer, self.staff_a):
            Enrolment = self.env["oa.training.enrolment"].with_user(user)
            self.assertEqual(
                Enrolment.with_context(**forged).default_get(
                    [
                        "origin",
                        "previous_enrolment_id",
                        "unit_id",
                        "exam_ids",
                        "best_score",
                        "attempt_count",
                    ]
                ),
                {"origin": "manual"},
            )
            Attendance = self.env["oa.training.attendance"].with_user(user)
            self.assertEqual(
                Attendance.with_context(**forged).default_get(
                    ["recorded_by_id", "recorded_on"]
                ),
                {},
            )
        for user, trainee in (
            (self.project_user, self.liaison),
            (self.admin_a1, self.staff_a_sub),
        ):
            self.batch.with_user(user).with_context(**forged).action_enrol_users(
                trainee.ids
            )
            enrolment = self.enrolment(self.batch, trainee)
            self.assertEqual(len(enrolment), 1)
            self.assert_unchanged(
                enrolment,
                origin="manual",
                previous_enrolment_id=False,
                unit_id=trainee.oa_unit_id.id,
                best_score=0.0,
                attempt_count=0,
                result="pending",
            )
            self.assertFalse(enrolment.sudo().exam_ids)
            lines = enrolment.sudo().attendance_ids
            self.assertEqual(len(lines), 4)
            self.assertRecordValues(
                lines,
                [{"status": False, "recorded_by_id": False, "recorded_on": False}] * 4,
            )

    def test_default_keys_do_not_stick_on_exams(self):
        forged = {
            "default_score": 100,
            "default_pass_mark": 10,
            "default_passed": True,
            "default_examiner_id": self.project_user.id,
            "default_date": FORGED_DATE,
        }
        Exam = self.Exam.with_user(self.examiner).with_context(**forged)
        # nothing of them in what the form starts from
        self.assertEqual(
            Exam.default_get(["score", "pass_mark", "passed", "examiner_id", "date"]),
            {},
        )
        Exam.create({"enrolment_id": self.enrol_b.id, "score": 30})
        self.assert_unchanged(
            self.enrol_b.exam_ids,
            score=30.0,
            pass_mark=60.0,
            passed=False,
            examiner_id=self.examiner.id,
        )
        self.assertNotEqual(str(self.enrol_b.sudo().exam_ids.date), FORGED_DATE)
        self.assert_unchanged(self.enrol_b, result="failed", attempt_count=1)

    # ---- values sent by the client ----

    def test_create_values_are_refused(self):
        for name, value in (
            ("state", "done"),
            ("date_closed", FORGED_DATE),
            ("closed_by_id", self.project_user.id),
            ("enrolment_ids", [Command.set(self.enrol_b.ids)]),
            ("exam_ids", [Command.set(self.exam_a.ids)]),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                self.Batch.with_user(self.project_user).create(
                    self.batch_vals("直接结业", **{name: value})
                )
        self.assertFalse(self.Batch.search([("name", "=", "直接结业")]))
        self.assert_unchanged(self.enrol_b, batch_id=self.batch.id)
        # the initial values themselves are what a new form sends
        batch = self.Batch.with_user(self.project_user).create(
            self.batch_vals(
                "新批次",
                state="draft",
                date_closed=False,
                closed_by_id=False,
                enrolment_ids=[],
            )
        )
        self.assert_unchanged(batch, state="draft", date_closed=False)
        # an exam attempt: the examiner gives the enrolment and the score only
        for name, value in (
            ("pass_mark", 10),
            ("passed", True),
            ("examiner_id", self.project_user.id),
            ("date", FORGED_DATE),
            ("user_id", self.staff_a.id),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                self.Exam.with_user(self.examiner).create(
                    {"enrolment_id": self.enrol_b.id, "score": 30, name: value}
                )
        self.assert_unchanged(self.enrol_b, attempt_count=0, result="pending")
        # empty values pass the guard, and the flow sets its own
        self.Exam.with_user(self.examiner).create(
            {
                "enrolment_id": self.enrol_b.id,
                "score": 30,
                "pass_mark": 0,
                "examiner_id": False,
                "date": False,
            }
        )
        self.assert_unchanged(
            self.enrol_b.exam_ids,
            pass_mark=60.0,
            passed=False,
            examiner_id=self.examiner.id,
        )
        self.assertTrue(self.enrol_b.sudo().exam_ids.date)

    # ---- writes, as each role ----

    def test_batch_flow_fields_refused_to_every_role(self):
        forged = {
            "state": "done",
            "date_closed": FORGED_DATE,
            "closed_by_id": self.project_user.id,
            "enrolment_ids": [Command.unlink(self.enrol_b.id)],
            "exam_ids": [Command.unlink(self.exam_a.id)],
        }
        self.assert_all_refused(self.batch, forged)
        self.assert_all_refused(self.own_batch, dict(forged, state="open"))
        self.assert_unchanged(
            self.batch, state="open", date_closed=False, closed_by_id=False
        )
        self.assert_unchanged(
            self.own_batch, state="draft", date_closed=False, closed_by_id=False
        )
        self.assert_unchanged(self.enrol_b, batch_id=self.batch.id)
        self.assert_unchanged(self.exam_a, batch_id=self.batch.id)

    def test_enrolment_flow_fields_refused_to_every_role(self):
        self.assert_all_refused(
            self.enrol_a,
            {
                "batch_id": self.own_batch.id,
                "user_id": self.staff_b.id,
                "unit_id": self.unit_b.id,
                "origin": "retrain",
                "previous_enrolment_id": self.enrol_b.id,
                "retrain_enrolment_ids": [Command.link(self.enrol_b.id)],
                "attendance_ids": [Command.unlink(self.line_a.id)],
                "exam_ids": [Command.unlink(self.exam_a.id)],
                "result": "passed",
                "best_score": 100,
                "attempt_count": 0,
                "absence_count": 5,
                "attended_all": True,
            },
        )
        self.assert_unchanged(
            self.enrol_a,
            batch_id=self.batch.id,
            user_id=self.staff_a.id,
            unit_id=self.unit_a.id,
            origin="manual",
            previous_enrolment_id=False,
            result="failed",
            best_score=50.0,
            attempt_count=1,
            absence_count=0,
            attended_all=False,
        )
        self.assert_unchanged(self.enrol_b, previous_enrolment_id=False)
        self.assertEqual(len(self.enrol_a.sudo().attendance_ids), 4)

    def test_exam_flow_fields_refused_to_every_role(self):
        self.assert_all_refused(
            self.exam_a,
            {
                "enrolment_id": self.enrol_b.id,
                "batch_id": self.own_batch.id,
                "user_id": self.staff_b.id,
                "unit_id": self.unit_b.id,
                "kind": "admin",
                "score": 99,
                "pass_mark": 10,
                "passed": True,
                "examiner_id": self.project_user.id,
                "date": FORGED_DATE,
            },
        )
        self.assert_unchanged(
            self.exam_a,
            enrolment_id=self.enrol_a.id,
            batch_id=self.batch.id,
            user_id=self.staff_a.id,
            kind="staff",
            score=50.0,
            pass_mark=60.0,
            passed=False,
            examiner_id=self.examiner.id,
        )
        self.assert_unchanged(self.enrol_a, result="failed")

    def test_attendance_flow_fields_refused_to_every_role(self):
        other = self.enrol_b.attendance_ids[1]
        self.assert_all_refused(
            self.line_a,
            {
                "session_id": other.session_id.id,
                "enrolment_id": self.enrol_b.id,
                "batch_id": self.own_batch.id,
                "user_id": self.staff_b.id,
                "unit_id": self.unit_b.id,
                "date": "2030-01-01",
                "recorded_by_id": self.project_user.id,
                "recorded_on": FORGED_DATE,
            },
        )
        self.assert_unchanged(
            self.line_a,
            session_id=self.line_a.session_id.id,
            enrolment_id=self.enrol_a.id,
            user_id=self.staff_a.id,
            status=False,
            recorded_by_id=False,
            recorded_on=False,
        )
        # recording is what the trainer may do: it stamps him
        self.line_a.with_user(self.trainer).write({"status": "present"})
        self.assert_unchanged(
            self.line_a, status="present", recorded_by_id=self.trainer.id
        )

    def test_rate_figures_are_the_snapshots_only(self):
        rate = self.env["oa.training.rate"]._oa_snapshot(units=self.unit_a)
        snapshot = rate.read(["date", "user_count", "rate", "missing_count"])[0]
        del snapshot["id"]
        self.assert_all_refused(
            rate,
            {
                "date": "2020-01-01",
                "unit_id": self.unit_b.id,
                "user_count": 1,
                "passed_count": 1,
                "rate": 100.0,
                "missing_count": 0,
                "missing_user_ids": [Command.clear()],
                "leader_count": 0,
                "leader_passed_count": 0,
                "leader_rate": 100.0,
                "missing_leader_ids": [Command.clear()],
            },
        )
        self.assert_unchanged(rate, unit_id=self.unit_a.id, **snapshot)
        # nor does a forged context reach a snapshot's figures
        forged = {"default_rate": 100.0, "default_passed_count": 9}
        for user in self.roles:
            Rate = self.env["oa.training.rate"].with_user(user).with_context(**forged)
            self.assertEqual(Rate.default_get(["rate", "passed_count"]), {})

    # ---- import ----

    def assert_load_refused(self, model, user, fields, rows):
        with mute_logger("odoo.addons.base.models.ir_rule"):
            result = model.with_user(user).load(fields, rows)
        self.assertFalse(result["ids"], result)
        self.assertTrue(
            any(message["type"] == "error" for message in result["messages"]),
            result,
        )

    def test_import_is_refused(self):
        self.assert_load_refused(
            self.Batch,
            self.project_user,
            ["name", "kind", "date_start", "date_end", "state", "date_closed"],
            [["导入结业", "staff", "2030-06-01", "2030-06-02", "done", FORGED_DATE]],
        )
        self.assertFalse(self.Batch.search([("name", "=", "导入结业")]))
        self.assert_load_refused(
            self.Batch,
            self.project_user,
            [".id", "state", "closed_by_id/.id"],
            [[str(self.batch.id), "done", str(self.project_user.id)]],
        )
        self.assert_unchanged(self.batch, state="open", closed_by_id=False)
        self.assert_load_refused(
            self.env["oa.training.enrolment"],
            self.project_user,
            [".id", "result", "best_score"],
            [[str(self.enrol_b.id), "passed", "100"]],
        )
        self.assert_load_refused(
            self.Exam,
            self.examiner,
            ["enrolment_id/.id", "score", "pass_mark"],
            [[str(self.enrol_b.id), "30", "10"]],
        )
        self.assert_unchanged(self.enrol_b, result="pending", attempt_count=0)
        self.assert_load_refused(
            self.Exam,
            self.project_user,
            [".id", "score"],
            [[str(self.exam_a.id), "99"]],
        )
        self.assert_unchanged(self.exam_a, score=50.0)
        self.assert_load_refused(
            self.env["oa.training.attendance"],
            self.trainer,
            [".id", "recorded_by_id/.id", "recorded_on"],
            [[str(self.line_a.id), str(self.project_user.id), FORGED_DATE]],
        )
        self.assert_unchanged(self.line_a, recorded_by_id=False, recorded_on=False)
