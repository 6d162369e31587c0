# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The theory part's flow fields are ``oa.flow.guard``'s too: invitations,
attempts and their results come from the flow and the survey only."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaTrainingSurveyCommon

FORGED_DATE = "2020-01-01 00:00:00"


@tagged("post_install", "-at_install")
class TestTheoryFlowGuard(OaTrainingSurveyCommon):
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
            (cls.staff_a | cls.staff_b).ids
        )
        cls.batch.with_user(cls.examiner).action_send_theory_invitations()
        cls.enrol_a = cls.batch.enrolment_ids.filtered(
            lambda e: e.user_id == cls.staff_a
        )
        cls.attempt_a = cls.enrol_a.theory_input_ids
        # an answer to another survey, linked to no enrolment
        other = cls.env["survey.survey"].create({"title": "满意度调查"})
        cls.stray = cls.Attempt.create(
            {"survey_id": other.id, "partner_id": cls.staff_a.partner_id.id}
        )
        cls.roles = (*cls.every_role, cls.trainer, cls.examiner, cls.survey_manager)

    def assert_all_refused(self, records, forged):
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

    def test_default_keys_do_not_stick(self):
        batch = (
            self.Batch.with_user(self.project_user)
            .with_context(default_theory_invite_date=FORGED_DATE)
            .create(
                {
                    "name": "上下文邀请",
                    "kind": "staff",
                    "date_start": "2030-06-01",
                    "date_end": "2030-06-02",
                    "theory_survey_id": self.certification.id,
                }
            )
        )
        self.assert_unchanged(batch, theory_invite_date=False)
        # enrolled (by the flow, as the superuser) in a forged context
        self.batch.with_user(self.project_user).with_context(
            default_theory_passed=True,
            default_theory_score=100.0,
            default_theory_date=FORGED_DATE,
        ).action_enrol_users(self.staff_a_sub.ids)
        enrolment = self.enrolment(self.batch, self.staff_a_sub)
        self.assert_unchanged(
            enrolment, theory_passed=False, theory_score=0.0, theory_date=False
        )
        self.examine(self.batch, {self.staff_a_sub: 90})
        self.assert_unchanged(enrolment, result="pending")
        # an answer created by hand is linked to no enrolment
        answer = (
            self.Attempt.with_user(self.survey_manager)
            .with_context(default_oa_enrolment_id=self.enrol_a.id)
            .create(
                {
                    "survey_id": self.certification.id,
                    "partner_id": self.staff_a.partner_id.id,
                }
            )
        )
        self.assert_unchanged(answer, oa_enrolment_id=False, oa_batch_id=False)
        self.assertEqual(self.enrol_a.sudo().theory_input_ids, self.attempt_a)

    def test_theory_flow_fields_refused_to_every_role(self):
        self.assert_all_refused(
            self.enrol_a,
            {
                "theory_input_ids": [Command.link(self.stray.id)],
                "theory_score": 100.0,
                "theory_passed": True,
                "theory_date": FORGED_DATE,
            },
        )
        self.assert_all_refused(
            self.batch,
            {
                "theory_invite_date": FORGED_DATE,
                "theory_input_ids": [Command.link(self.stray.id)],
            },
        )
        self.assert_all_refused(
            self.stray,
            {
                "oa_enrolment_id": self.enrol_a.id,
                "oa_batch_id": self.batch.id,
                "oa_user_id": self.staff_a.id,
                "oa_unit_id": self.unit_a.id,
            },
        )
        self.assert_unchanged(
            self.enrol_a, theory_passed=False, theory_score=0.0, theory_date=False
        )
        self.assertEqual(self.enrol_a.sudo().theory_input_ids, self.attempt_a)
        self.assert_unchanged(self.stray, oa_enrolment_id=False, oa_batch_id=False)
        self.assertNotEqual(str(self.batch.sudo().theory_invite_date), FORGED_DATE)

    def test_import_is_refused(self):
        for model, user, fields, rows in (
            (
                self.env["oa.training.enrolment"],
                self.project_user,
                [".id", "theory_passed", "theory_score"],
                [[str(self.enrol_a.id), "1", "100"]],
            ),
            (
                self.Attempt,
                self.survey_manager,
                ["survey_id/.id", "partner_id/.id", "oa_enrolment_id/.id"],
                [
                    [
                        str(self.certification.id),
                        str(self.staff_a.partner_id.id),
                        str(self.enrol_a.id),
                    ]
                ],
            ),
        ):
            with mute_logger("odoo.addons.base.models.ir_rule"):
                result = model.with_user(user).load(fields, rows)
            self.assertFalse(result["ids"], result)
        self.assert_unchanged(self.enrol_a, theory_passed=False, theory_score=0.0)
        self.assertEqual(self.enrol_a.sudo().theory_input_ids, self.attempt_a)
