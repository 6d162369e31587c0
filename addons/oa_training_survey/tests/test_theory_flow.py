# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OaTrainingSurveyCommon


@tagged("post_install", "-at_install")
class TestTheoryFlow(OaTrainingSurveyCommon):
    """The theory part: one invitation per enrolment, the result comes back
    by itself, a pass needs both parts, a failure re-trains."""

    def test_one_invitation_per_enrolment(self):
        batch = self.make_theory_batch("第一批", 2)
        self.enrol(batch, self.staff_a | self.staff_b)
        self.assertEqual(self.invite(batch), 2)
        for user in self.staff_a | self.staff_b:
            attempt = self.attempts(batch, user)
            self.assertRecordValues(
                attempt,
                [
                    {
                        "survey_id": self.certification.id,
                        "partner_id": user.partner_id.id,
                        "oa_enrolment_id": self.enrolment(batch, user).id,
                        "state": "new",
                        "test_entry": False,
                    }
                ],
            )
            # the trainee's to-do on his enrolment carries his own link
            todo = self.theory_todos(self.enrolment(batch, user))
            self.assertEqual(todo.user_id, user)
            self.assertIn(attempt.access_token, todo.note)
        tokens = batch.theory_input_ids.mapped("invite_token")
        self.assertEqual(len(set(tokens)), 2)
        # sending again adds nothing; somebody enrolled later gets his at once
        self.assertEqual(self.invite(batch), 0)
        self.enrol(batch, self.staff_a_sub)
        self.assertEqual(len(self.attempts(batch, self.staff_a_sub)), 1)
        self.assertEqual(batch.theory_attempt_count, 3)
        self.assertTrue(batch.theory_invite_date)

    def test_result_comes_back_and_both_parts_pass(self):
        batch = self.make_theory_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.invite(batch)
        self.examine(batch, {self.staff_a: 90})
        # the operation exam alone does not pass a batch with a theory part
        self.assertEqual(enrolment.result, "pending")
        self.answer(self.attempts(batch, self.staff_a), right=3)
        self.assertRecordValues(
            enrolment,
            [{"theory_score": 100.0, "theory_passed": True, "result": "passed"}],
        )
        self.assertTrue(enrolment.theory_date)
        self.assertFalse(self.theory_todos(enrolment))

    def test_theory_first_then_operation(self):
        batch = self.make_theory_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.invite(batch)
        self.answer(self.attempts(batch, self.staff_a), right=2)
        self.assertTrue(enrolment.theory_passed)
        self.assertEqual(enrolment.result, "pending")
        self.examine(batch, {self.staff_a: 40})
        self.assertEqual(enrolment.result, "failed")
        self.examine(batch, {self.staff_a: 70})
        self.assertEqual(enrolment.result, "passed")

    def test_batch_without_theory_is_unchanged(self):
        batch = self.make_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 60})
        self.assertEqual(enrolment.result, "passed")
        with self.assertRaises(UserError):
            self.invite(batch)

    def test_failed_theory_retrains_until_passed(self):
        """Fail the theory in batch 1 → enrolled in batch 2 with a fresh
        invitation → pass there → the loop is closed; history kept."""
        first = self.make_theory_batch("第一批", 2)
        second = self.make_theory_batch("第二批", 4)
        third = self.make_theory_batch("第三批", 6)
        failed = self.enrol(first, self.staff_a)
        self.invite(first)
        self.invite(second)
        self.examine(first, {self.staff_a: 95})
        old_attempt = self.attempts(first, self.staff_a)
        self.answer(old_attempt, right=1)
        self.assertRecordValues(
            failed,
            [{"theory_passed": False, "theory_score": 33.33, "result": "pending"}],
        )
        self.close(first)
        self.assertEqual(failed.result, "failed")
        retrain = self.enrolment(second, self.staff_a)
        self.assertRecordValues(
            retrain,
            [{"origin": "retrain", "previous_enrolment_id": failed.id}],
        )
        # a fresh attempt in the new batch (its invitations were out already)
        new_attempt = self.attempts(second, self.staff_a)
        self.assertEqual(len(new_attempt), 1)
        self.assertNotEqual(new_attempt, old_attempt)
        self.assertNotEqual(new_attempt.invite_token, old_attempt.invite_token)
        self.assertEqual(old_attempt.oa_enrolment_id, failed)
        retrain_todo = self.env["mail.activity"].search(
            [
                ("res_model", "=", retrain._name),
                ("res_id", "=", retrain.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("oa_training.mail_activity_type_retrain").id,
                ),
            ]
        )
        self.assertTrue(retrain_todo)
        self.assertTrue(self.theory_todos(retrain))
        # passes both parts in the second batch: the loop is closed
        self.examine(second, {self.staff_a: 80})
        self.answer(new_attempt, right=3)
        self.assertEqual(retrain.result, "passed")
        self.assertFalse(retrain_todo.exists())
        self.close(second)
        self.assertFalse(third.enrolment_ids)
        # the history keeps the failure and its attempt, unchanged
        self.assertRecordValues(
            failed | retrain,
            [
                {"result": "failed", "theory_passed": False, "theory_score": 33.33},
                {"result": "passed", "theory_passed": True, "theory_score": 100.0},
            ],
        )
        self.assertEqual(failed.theory_input_ids, old_attempt)
        self.assertEqual(retrain.theory_input_ids, new_attempt)

    def test_missed_theory_retrains(self):
        first = self.make_theory_batch("第一批", 2)
        second = self.make_theory_batch("第二批", 4)
        enrolment = self.enrol(first, self.staff_b)
        self.invite(first)
        self.examine(first, {self.staff_b: 75})
        self.close(first)
        self.assertEqual(enrolment.result, "failed")
        self.assertTrue(self.enrolment(second, self.staff_b))
        # the closed batch's theory to-do is over; a late answer is kept but
        # changes nothing
        self.assertFalse(self.theory_todos(enrolment))
        attempt = self.attempts(first, self.staff_b)
        self.answer(attempt, right=3)
        self.assertEqual(attempt.state, "done")
        self.assertRecordValues(
            enrolment, [{"theory_passed": False, "result": "failed"}]
        )

    def test_retry_stays_with_the_enrolment(self):
        batch = self.make_theory_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.invite(batch)
        first_try = self.attempts(batch, self.staff_a)
        self.answer(first_try, right=0)
        self.assertEqual(enrolment.theory_score, 0.0)
        # the survey's Retry button: a new answer in the same pool
        retry = self.certification.sudo()._create_answer(
            user=self.staff_a,
            partner=self.staff_a.partner_id,
            invite_token=first_try.invite_token,
        )
        self.assertEqual(retry.oa_enrolment_id, enrolment)
        self.answer(retry, right=2)
        self.assertRecordValues(
            enrolment, [{"theory_passed": True, "theory_score": 66.67}]
        )
        self.assertEqual(enrolment.theory_input_ids, first_try | retry)

    def test_send_is_checked(self):
        draft = self.make_theory_batch("第一批", 2, open_it=False)
        with self.assertRaises(UserError):
            self.invite(draft, self.project_user)
        batch = self.make_theory_batch("第二批", 4)
        self.enrol(batch, self.staff_a)
        for user in (self.staff_a, self.staff_b, self.admin_b):
            with self.assertRaises(AccessError):
                self.invite(batch, user)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertFalse(batch.theory_input_ids)
        self.assertFalse(batch.theory_invite_date)
        self.assertEqual(self.invite(batch, self.project_user), 1)
        # the certification no longer changes once invitations are out
        other = self.certification.copy()
        with self.assertRaises(UserError):
            batch.with_user(self.project_user).theory_survey_id = other
        # a plain survey is no certification
        plain = self.env["survey.survey"].create({"title": "问卷"})
        with self.assertRaises(ValidationError):
            draft.with_user(self.project_user).theory_survey_id = plain
        # nor a certification anybody holding the link may answer
        open_link = self.certification.copy({"users_login_required": False})
        with self.assertRaises(ValidationError):
            draft.with_user(self.project_user).theory_survey_id = open_link
        unsent = self.make_theory_batch("第三批", 6)
        self.enrol(unsent, self.staff_b)
        self.certification.users_login_required = False
        with self.assertRaises(UserError):
            self.invite(unsent)
        self.assertFalse(unsent.theory_input_ids)
        with self.assertRaises(UserError):
            self.env["oa.training.batch"].browse(987654).with_user(
                self.examiner
            ).action_send_theory_invitations()

    def test_trainee_opens_his_exam(self):
        batch = self.make_theory_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.assertFalse(enrolment.with_user(self.staff_a).theory_can_take)
        self.invite(batch)
        mine = enrolment.with_user(self.staff_a)
        self.assertTrue(mine.theory_can_take)
        action = mine.action_take_theory_exam()
        self.assertIn(self.attempts(batch, self.staff_a).access_token, action["url"])
        self.assertFalse(enrolment.with_user(self.examiner).theory_can_take)
        with self.assertRaises(AccessError):
            enrolment.with_user(self.examiner).action_take_theory_exam()
        self.answer(self.attempts(batch, self.staff_a), right=3)
        with self.assertRaises(UserError):
            mine.action_take_theory_exam()

    def test_speaks_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "oa_training_survey")]
        )._update_translations(["zh_CN"])
        field = self.env["ir.model.fields"]._get(
            "oa.training.enrolment", "theory_passed"
        )
        self.assertEqual(
            field.with_context(lang="zh_CN").field_description, "理论考试合格"
        )
        batch = self.make_batch("第一批", 2)
        self.staff_a.lang = "zh_CN"
        with self.assertRaisesRegex(AccessError, "理论考试邀请"):
            self.invite(batch.with_context(lang="zh_CN"), self.staff_a)
