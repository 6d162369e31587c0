# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.oa_training.tests.common import OaTrainingCommon


class OaTrainingSurveyCommon(OaTrainingCommon):
    """oa_training's fixture plus a three-question certification (pass at
    60 %: two right answers pass, one fails)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = cls.env["survey.survey"].create(
            {
                "title": "OA系统理论考试",
                "certification": True,
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 60,
                "access_mode": "token",
                "users_login_required": True,
                "questions_layout": "one_page",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": f"理论题{i}",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "正确",
                                        "is_correct": True,
                                        "answer_score": 1,
                                    }
                                ),
                                Command.create({"value": "错误", "answer_score": 0}),
                            ],
                        }
                    )
                    for i in range(3)
                ],
            }
        )
        cls.Attempt = cls.env["survey.user_input"]

    @classmethod
    def make_theory_batch(cls, name, day, **extra):
        return cls.make_batch(name, day, theory_survey_id=cls.certification.id, **extra)

    def invite(self, batch, user=None):
        return batch.with_user(user or self.examiner).action_send_theory_invitations()

    def attempts(self, batch, user):
        return self.Attempt.search(
            [("oa_batch_id", "=", batch.id), ("oa_user_id", "=", user.id)]
        )

    def answer(self, attempt, right):
        """The trainee answers through the survey pages (which work as
        superuser, as Odoo's survey controller does): ``right`` answers
        correct out of three, then submits."""
        attempt = attempt.sudo()
        attempt._mark_in_progress()
        for i, question in enumerate(attempt.survey_id.question_ids):
            correct = question.suggested_answer_ids.filtered("is_correct")
            choice = correct if i < right else question.suggested_answer_ids - correct
            attempt._save_lines(question, str(choice.id))
        attempt._mark_done()

    def theory_todos(self, enrolments):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.training.enrolment"),
                ("res_id", "in", enrolments.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "oa_training_survey.mail_activity_type_theory_exam"
                    ).id,
                ),
            ]
        )
