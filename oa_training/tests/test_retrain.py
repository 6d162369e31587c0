# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestRetrain(OaTrainingCommon):
    """不合格者进入下期继续培训直至合格."""

    def activities(self, record, xmlid, user=None):
        domain = [
            ("res_model", "=", record._name),
            ("res_id", "in", record.ids),
            ("activity_type_id", "=", self.env.ref(xmlid).id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_failure_is_enrolled_in_next_batch(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4, open_it=False)
        third = self.make_batch("第三批", 6, open_it=False)
        self.enrol(first, self.staff_a | self.staff_b)
        self.examine(first, {self.staff_a: 45, self.staff_b: 88})
        self.close(first)
        failed = self.enrolment(first, self.staff_a)
        new = self.enrolment(second, self.staff_a)
        self.assertRecordValues(
            new,
            [
                {
                    "origin": "retrain",
                    "previous_enrolment_id": failed.id,
                    "unit_id": self.unit_a.id,
                    "result": "pending",
                }
            ],
        )
        self.assertFalse(self.enrolment(second, self.staff_b))
        self.assertFalse(third.enrolment_ids)
        # he gets a to-do on the new enrolment, with its sessions' lines
        self.assertEqual(len(new.attendance_ids), 4)
        todo = self.activities(new, "oa_training.mail_activity_type_retrain")
        self.assertEqual(todo.user_id, self.staff_a)
        # his unit's two administrators get a summary on the closed batch
        summaries = self.env["mail.activity"].search(
            [("res_model", "=", first._name), ("res_id", "=", first.id)]
        )
        self.assertEqual(summaries.user_id, self.admin_a1 | self.admin_a2)
        self.assertIn("staff_a", summaries[0].note)

    def test_missed_exam_is_enrolled_in_next_batch(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4)
        self.enrol(first, self.staff_b)
        self.close(first)
        self.assertEqual(self.enrolment(first, self.staff_b).result, "missed")
        self.assertEqual(self.enrolment(second, self.staff_b).origin, "retrain")

    def test_full_batch_sends_to_the_one_after(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4, capacity=1)
        third = self.make_batch("第三批", 6)
        self.enrol(first, self.staff_a | self.staff_b)
        self.enrol(second, self.staff_a_sub)
        self.close(first)
        self.assertEqual(second.enrolment_ids.user_id, self.staff_a_sub)
        self.assertEqual(third.enrolment_ids.user_id, self.staff_a | self.staff_b)

    def test_room_is_shared_out_in_order(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4, capacity=1)
        third = self.make_batch("第三批", 6)
        self.enrol(first, self.staff_a | self.staff_b)
        self.close(first)
        self.assertEqual(len(second.enrolment_ids), 1)
        self.assertEqual(len(third.enrolment_ids), 1)

    def test_earlier_or_other_kind_batches_are_not_used(self):
        earlier = self.make_batch("第零批", 1, open_it=False)
        first = self.make_batch("第一批", 3)
        other_kind = self.make_batch("管理员班", 10, kind="admin")
        self.enrol(first, self.staff_a)
        self.close(first)
        self.assertFalse(earlier.enrolment_ids)
        self.assertFalse(other_kind.enrolment_ids)

    def test_no_batch_gives_project_group_a_todo(self):
        first = self.make_batch("第一批", 2)
        self.enrol(first, self.staff_a)
        self.close(first)
        todo = self.activities(first, "oa_training.mail_activity_type_open_batch")
        self.assertIn(self.project_user, todo.user_id)
        self.assertNotIn(self.admin_b, todo.user_id)
        # the project group opens one: the people waiting are enrolled and
        # the to-do is done
        later = self.make_batch("第二批", 10)
        self.assertEqual(self.enrolment(later, self.staff_a).origin, "retrain")
        self.assertFalse(
            self.activities(first, "oa_training.mail_activity_type_open_batch")
        )

    def test_end_user_training_asks_the_unit_administrators(self):
        batch = self.make_batch(
            "甲单位最终用户培训",
            2,
            kind="end_user",
            organiser_unit_id=self.unit_a.id,
        )
        self.enrol(batch, self.staff_a)
        self.close(batch)
        todo = self.activities(batch, "oa_training.mail_activity_type_open_batch")
        self.assertEqual(todo.user_id, self.admin_a1 | self.admin_a2)

    def test_pass_after_fail_closes_the_loop(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4)
        third = self.make_batch("第三批", 6)
        self.enrol(first, self.staff_a)
        self.examine(first, {self.staff_a: 30})
        self.close(first)
        retrain = self.enrolment(second, self.staff_a)
        self.assertTrue(
            self.activities(retrain, "oa_training.mail_activity_type_retrain")
        )
        self.examine(second, {self.staff_a: 80})
        self.assertEqual(retrain.result, "passed")
        self.assertFalse(
            self.activities(retrain, "oa_training.mail_activity_type_retrain")
        )
        self.close(second)
        self.assertFalse(third.enrolment_ids)
        # the history keeps the failure
        history = self.env["oa.training.enrolment"].search(
            [("user_id", "=", self.staff_a.id)], order="date_start"
        )
        self.assertEqual(history.mapped("result"), ["failed", "passed"])

    def test_fail_twice_goes_on(self):
        first = self.make_batch("第一批", 2)
        second = self.make_batch("第二批", 4)
        third = self.make_batch("第三批", 6)
        self.enrol(first, self.staff_a)
        self.examine(first, {self.staff_a: 30})
        self.close(first)
        self.examine(second, {self.staff_a: 50})
        self.close(second)
        self.assertEqual(
            self.enrolment(third, self.staff_a).previous_enrolment_id,
            self.enrolment(second, self.staff_a),
        )

    def test_reenrolment_is_batched(self):
        """Re-enrolling 30 people costs about what re-enrolling 3 does."""
        users = self.env["res.users"].create(
            [
                {
                    "name": f"学员{i}",
                    "login": f"trainee{i}",
                    "oa_unit_id": self.unit_b.id,
                }
                for i in range(33)
            ]
        )

        def close_counting(day, people):
            batch = self.make_batch(f"批{day}", day)
            self.make_batch(f"批{day + 2}", day + 2)
            self.enrol(batch, people)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch.sudo().action_close()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        few = close_counting(2, users[:3])
        many = close_counting(10, users[3:])
        # enrolments, attendance lines and activities are created in one go
        # each; what grows is Odoo subscribing each trainee to his own
        # enrolment (mail.activity), a few queries per person
        per_person = (many - few) / 27
        self.assertLess(per_person, 5, f"{few} queries for 3, {many} for 30")
