# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaTrainingSurveyCommon


@tagged("post_install", "-at_install")
class TestTheoryAccessRights(OaTrainingSurveyCommon):
    """Who reads which theory attempts and results, and that nobody but the
    flow writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey_manager = new_test_user(
            cls.env,
            login="oa_survey_manager",
            name="问卷管理员",
            groups="oa_base.group_oa_user,survey.group_survey_manager",
            oa_unit_id=cls.unit_b.id,
        )
        cls.batch = cls.make_theory_batch("第一批", 2)
        cls.batch.with_user(cls.project_user).action_enrol_users(
            (cls.staff_a | cls.staff_a_sub | cls.staff_b).ids
        )
        cls.batch.with_user(cls.examiner).action_send_theory_invitations()
        cls.attempt_a = cls.Attempt.search([("oa_user_id", "=", cls.staff_a.id)])
        cls.attempt_a_sub = cls.Attempt.search(
            [("oa_user_id", "=", cls.staff_a_sub.id)]
        )
        cls.attempt_b = cls.Attempt.search([("oa_user_id", "=", cls.staff_b.id)])
        cls.all_attempts = cls.attempt_a | cls.attempt_a_sub | cls.attempt_b
        cls.enrolment_a = cls.attempt_a.oa_enrolment_id

    def visible(self, user):
        return self.Attempt.with_user(user).search(
            [("id", "in", self.all_attempts.ids)]
        )

    def test_trainee_sees_only_his_own(self):
        self.assertEqual(self.visible(self.staff_a), self.attempt_a)
        self.assertEqual(
            self.attempt_a.with_user(self.staff_a).read(["scoring_percentage"])[0][
                "id"
            ],
            self.attempt_a.id,
        )
        with mute_logger("odoo.addons.base.models.ir_rule"):
            with self.assertRaises(AccessError):
                self.attempt_b.with_user(self.staff_a).read(["scoring_percentage"])
            with self.assertRaises(AccessError):
                self.attempt_a.with_user(self.staff_b).read(["scoring_success"])
        # his result on his enrolment, not another's
        self.assertFalse(self.enrolment_a.with_user(self.staff_a).theory_passed)
        with mute_logger("odoo.addons.base.models.ir_rule"):
            with self.assertRaises(AccessError):
                self.enrolment_a.with_user(self.staff_b).read(["theory_score"])

    def test_unit_administrators_see_their_units(self):
        self.assertEqual(
            self.visible(self.admin_a1), self.attempt_a | self.attempt_a_sub
        )
        self.assertEqual(self.visible(self.admin_b), self.attempt_b)
        with mute_logger("odoo.addons.base.models.ir_rule"):
            with self.assertRaises(AccessError):
                self.attempt_a.with_user(self.admin_b).read(["scoring_percentage"])

    def test_examiner_and_project_group_see_the_batch(self):
        self.assertEqual(self.visible(self.examiner), self.all_attempts)
        self.assertEqual(self.visible(self.project_user), self.all_attempts)
        self.assertFalse(self.visible(self.liaison))

    def test_trainee_cannot_write_his_result(self):
        for vals in (
            {"theory_passed": True},
            {"theory_score": 100.0},
        ):
            with mute_logger("odoo.addons.base.models.ir_model"):
                with self.assertRaises(UserError):
                    self.enrolment_a.with_user(self.staff_a).write(vals)
        with self.assertRaises(UserError):
            self.attempt_a.with_user(self.staff_a).write({"state": "done"})
        self.assert_unchanged(
            self.enrolment_a, theory_passed=False, theory_score=0.0, result="pending"
        )

    def test_project_group_cannot_write_results(self):
        """The project group may write enrolments, but not what the flow owns."""
        for vals in (
            {"theory_passed": True},
            {"theory_score": 100.0},
            {"theory_date": "2030-02-03 10:00:00"},
            {"theory_input_ids": [(6, 0, self.attempt_b.ids)]},
        ):
            with self.assertRaises(UserError):
                self.enrolment_a.with_user(self.project_user).write(vals)
        with self.assertRaises(UserError):
            self.batch.with_user(self.project_user).write({"theory_invite_date": False})
        self.examine(self.batch, {self.staff_a: 90})
        self.assert_unchanged(
            self.enrolment_a, theory_passed=False, theory_score=0.0, result="pending"
        )
        self.assertTrue(self.batch.sudo().theory_invite_date)

    def test_attempts_are_moved_only_by_the_survey(self):
        """Even a survey manager (write access on answers) cannot finish,
        re-link, re-score, create or delete a training attempt by hand."""
        manager = self.survey_manager
        for vals in (
            {"state": "done"},
            {"oa_enrolment_id": self.attempt_b.oa_enrolment_id.id},
            {"partner_id": manager.partner_id.id},
            {"invite_token": "x"},
        ):
            with self.assertRaises(UserError):
                self.attempt_a.with_user(manager).write(vals)
        with self.assertRaises(UserError):
            self.attempt_a.with_user(manager).unlink()
        with self.assertRaises(UserError):
            self.Attempt.with_user(manager).create(
                {
                    "survey_id": self.certification.id,
                    "partner_id": manager.partner_id.id,
                    "oa_enrolment_id": self.enrolment_a.id,
                }
            )
        question = self.certification.question_ids[0]
        right = question.suggested_answer_ids.filtered("is_correct")
        with self.assertRaises(UserError):
            self.env["survey.user_input.line"].with_user(manager).create(
                {
                    "user_input_id": self.attempt_a.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": right.id,
                }
            )
        # finished by the trainee, then the manager edits his answer
        self.answer(self.attempt_a, right=1)
        line = self.attempt_a.user_input_line_ids[:1]
        with self.assertRaises(UserError):
            line.with_user(manager).write({"suggested_answer_id": right.id})
        with self.assertRaises(UserError):
            line.with_user(manager).unlink()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(
            self.attempt_a.sudo(),
            [
                {
                    "state": "done",
                    "oa_enrolment_id": self.enrolment_a.id,
                    "scoring_percentage": 33.33,
                    "scoring_success": False,
                }
            ],
        )
        self.assertFalse(self.enrolment_a.sudo().theory_passed)
        # even the superuser never deletes a training attempt
        with self.assertRaises(UserError):
            self.attempt_a.sudo().unlink()

    def test_other_surveys_stay_private(self):
        """Reading training attempts does not open other survey answers."""
        other = self.env["survey.survey"].create({"title": "满意度调查"})
        answer = self.Attempt.create(
            {"survey_id": other.id, "partner_id": self.staff_a.partner_id.id}
        )
        self.assertFalse(
            self.Attempt.with_user(self.staff_a).search([("id", "=", answer.id)])
        )
        self.assertFalse(
            self.Attempt.with_user(self.admin_a1).search([("id", "=", answer.id)])
        )

    def test_trainee_opens_his_enrolment_form(self):
        """The enrolment form, as the trainee's client reads it."""
        enrolment = self.enrolment_a.with_user(self.staff_a)
        views = enrolment.get_views([(False, "form")])
        fields_spec = {
            name: {"fields": {"display_name": {}}}
            if enrolment._fields[name].type == "many2one"
            else {}
            for name in views["models"]["oa.training.enrolment"]["fields"]
            if enrolment._fields[name].type not in ("one2many", "many2many")
        }
        values = enrolment.web_read(fields_spec)[0]
        self.assertEqual(values["theory_survey_id"]["id"], self.certification.id)
        self.assertTrue(values["theory_can_take"])
        self.assertEqual(values["theory_attempt_count"], 1)
        action = enrolment.action_open_theory_attempts()
        attempts = self.Attempt.with_user(self.staff_a).search(action["domain"])
        self.assertEqual(attempts, self.attempt_a)
