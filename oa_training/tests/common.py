# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import new_test_user

from odoo.addons.oa_base.tests.common import OaBaseCommon

# far from the demo batches (2026), so that "the next batch" is always one
# of the test's own
YEAR = 2030


class OaTrainingCommon(OaBaseCommon):
    """The units and roles of oa_base plus a trainer and an examiner (plain
    OA users) and a helper to plan batches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainer = new_test_user(
            cls.env,
            login="oa_trainer",
            name="培训讲师",
            groups="oa_base.group_oa_user",
            oa_unit_id=cls.unit_b.id,
        )
        cls.examiner = new_test_user(
            cls.env,
            login="oa_examiner",
            name="考官",
            groups="oa_base.group_oa_user",
            oa_unit_id=cls.unit_b.id,
        )
        cls.Batch = cls.env["oa.training.batch"]
        cls.Exam = cls.env["oa.training.exam"]

    @classmethod
    def make_batch(cls, name, day, kind="staff", capacity=0, open_it=True, **extra):
        """A 2-day batch starting on ``day`` of February ``YEAR`` with four
        half-day sessions, planned (and opened) by the project group."""
        start = date(YEAR, 2, day)
        vals = {
            "name": name,
            "kind": kind,
            "date_start": start,
            "date_end": start + timedelta(days=1),
            "trainer_id": cls.trainer.id,
            "examiner_id": cls.examiner.id,
            "capacity": capacity,
            "pass_mark": 60,
            "session_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"课{i}",
                        "date": start + timedelta(days=i // 2),
                        "half": "am" if i % 2 == 0 else "pm",
                    },
                )
                for i in range(4)
            ],
            **extra,
        }
        batch = cls.Batch.with_user(cls.project_user).create(vals)
        if open_it:
            batch.with_user(cls.project_user).action_open()
        return batch

    def enrol(self, batch, users):
        batch.with_user(self.project_user).action_enrol_users(users.ids)
        return self.enrolment(batch, users)

    def enrolment(self, batch, users):
        return self.env["oa.training.enrolment"].search(
            [("batch_id", "=", batch.id), ("user_id", "in", users.ids)]
        )

    def examine(self, batch, scores):
        """``scores``: {user: score}; recorded by the batch's examiner."""
        self.Exam.with_user(self.examiner).create(
            [
                {"enrolment_id": self.enrolment(batch, user).id, "score": score}
                for user, score in scores.items()
            ]
        )

    def close(self, batch):
        batch.with_user(self.project_user).action_close()

    def assert_unchanged(self, record, **values):
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(record.sudo(), [values])
