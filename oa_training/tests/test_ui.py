# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingTour(HttpCase):
    """An examiner records a failure, the trainee finds himself in the next
    batch, passes there, and his unit's training rate rises."""

    def test_fail_retrain_pass(self):
        env = self.env
        unit = env["hr.department"].create({"name": "界面测试单位", "is_oa_unit": True})

        def user(login, group):
            new = new_test_user(
                env, login=login, groups=group, oa_unit_id=unit.id, tz="Asia/Shanghai"
            )
            new.oa_password_change_required = False
            return new

        examiner = user("tour_examiner", "oa_base.group_oa_user")
        trainee = user("tour_trainee", "oa_base.group_oa_user")
        Batch = env["oa.training.batch"]
        first, second = Batch.create(
            [
                {
                    "name": name,
                    "kind": "staff",
                    "date_start": date(2031, 3, day),
                    "date_end": date(2031, 3, day + 1),
                    "examiner_id": examiner.id,
                    "session_ids": [
                        (0, 0, {"name": "上机", "date": date(2031, 3, day)})
                    ],
                }
                for name, day in (("界面测试第一批", 2), ("界面测试第二批", 9))
            ]
        )
        first.action_open()
        first.action_enrol_users(trainee.ids)
        Rate = env["oa.training.rate"]
        before = Rate._oa_compute(unit)[unit.id]
        self.assertEqual(before["passed_count"], 0)

        action = "/odoo/action-oa_training.oa_training_batch_action"
        self.start_tour(
            f"{action}/{first.id}",
            "oa_training_tour_examiner_fail",
            login=examiner.login,
        )
        self.assertEqual(first.exam_ids.score, 40)
        first.action_close()
        self.assertEqual(second.enrolment_ids.user_id, trainee)

        self.start_tour(
            "/odoo/action-oa_training.oa_training_enrolment_action_my",
            "oa_training_tour_trainee",
            login=trainee.login,
        )
        second.action_open()
        self.start_tour(
            f"{action}/{second.id}",
            "oa_training_tour_examiner_pass",
            login=examiner.login,
        )
        self.assertEqual(second.enrolment_ids.result, "passed")
        after = Rate._oa_compute(unit)[unit.id]
        self.assertEqual(after["passed_count"], 1)
        self.assertGreater(after["rate"], before["rate"])
