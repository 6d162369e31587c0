# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import OaTrainingSurveyCommon


@tagged("post_install", "-at_install")
class TestSurveyPages(HttpCase, OaTrainingSurveyCommon):
    """The trainee answers through Odoo's own survey pages: the result comes
    back to his enrolment; another user's session cannot use his link."""

    def open_and_submit(self, attempt, right, survey_shown=True):
        survey = attempt.survey_id
        token = attempt.access_token
        response = self.url_open(f"/survey/{survey.access_token}/{token}")
        self.assertEqual(response.status_code, 200)
        form = re.search(
            r"input.+csrf_token.+value=\"([a-f0-9]{40}o[0-9]*)", response.text
        )
        self.assertEqual(bool(form), survey_shown, "the survey form is (not) shown")
        csrf = form.group(1) if form else ""
        base = survey.get_base_url()
        self.opener.post(
            url=f"{base}/survey/begin/{survey.access_token}/{token}", json={}
        )
        post = {"csrf_token": csrf, "token": token}
        for i, question in enumerate(survey.question_ids):
            correct = question.suggested_answer_ids.filtered("is_correct")
            choice = correct if i < right else question.suggested_answer_ids - correct
            post[str(question.id)] = str(choice.id)
        return self.opener.post(
            url=f"{base}/survey/submit/{survey.access_token}/{token}",
            json={"params": post},
        )

    def test_trainee_answers_in_the_survey(self):
        (self.staff_a | self.staff_b).oa_password_change_required = False
        batch = self.make_theory_batch("第一批", 2)
        enrolment = self.enrol(batch, self.staff_a)
        self.invite(batch)
        attempt = self.attempts(batch, self.staff_a)
        self.examine(batch, {self.staff_a: 85})
        # somebody else's session cannot answer it
        self.authenticate(self.staff_b.login, self.staff_b.login)
        self.open_and_submit(attempt, right=3, survey_shown=False)
        self.env.invalidate_all()
        self.assertNotEqual(attempt.state, "done")
        self.assertEqual(enrolment.result, "pending")
        # the trainee answers: the result comes back by itself
        self.authenticate(self.staff_a.login, self.staff_a.login)
        response = self.open_and_submit(attempt, right=3)
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertRecordValues(
            attempt, [{"state": "done", "scoring_percentage": 100.0}]
        )
        self.assertRecordValues(
            enrolment,
            [{"theory_passed": True, "theory_score": 100.0, "result": "passed"}],
        )
