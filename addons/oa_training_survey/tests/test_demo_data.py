# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_sixth_batch_runs_with_its_theory_part(self):
        batch = self.env.ref("oa_training.oa_training_batch_6_demo")
        survey = self.env.ref("oa_training_survey.survey_oa_theory_demo")
        self.assertEqual(batch.theory_survey_id, survey)
        self.assertTrue(survey.certification)
        self.assertEqual(len(survey.question_ids), 3)
        batch.action_open()
        for unit in batch.unit_ids:
            batch.action_enrol_unit(unit.id, only_not_passed=True)
        self.assertTrue(batch.enrolment_ids)
        self.assertEqual(
            batch.action_send_theory_invitations(), len(batch.enrolment_ids)
        )
        enrolment = batch.enrolment_ids[0]
        attempt = enrolment.theory_input_ids
        attempt._mark_in_progress()
        for question in survey.question_ids:
            right = question.suggested_answer_ids.filtered("is_correct")
            attempt._save_lines(question, str(right.id))
        attempt._mark_done()
        self.assertRecordValues(
            enrolment, [{"theory_score": 100.0, "theory_passed": True}]
        )
        self.env["oa.training.exam"].create({"enrolment_id": enrolment.id, "score": 80})
        self.assertEqual(enrolment.result, "passed")
