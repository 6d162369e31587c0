# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.tests import tagged

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestAdministratorStatus(OaTrainingCommon):
    """Notice 三(二)1: 按时参加培训,完成所有课程,无缺勤记录,考试成绩合格."""

    def record(self, batch, statuses):
        """``statuses``: {user: [status per session]}."""
        for user, per_session in statuses.items():
            lines = self.enrolment(batch, user).attendance_ids.sorted("date")
            for line, status in zip(
                lines.sorted(lambda a: (a.date, a.session_id.half)),
                per_session,
                strict=True,
            ):
                line.with_user(self.trainer).write(
                    {
                        "status": status,
                        "reason": "事假" if status == "excused" else False,
                    }
                )

    def test_yes_no_with_reason(self):
        admins = self.admin_a1 | self.admin_a2 | self.admin_b
        batch = self.make_batch("系统管理员培训班", 2, kind="admin")
        self.enrol(batch, self.admin_a1 | self.admin_a2)
        self.record(
            batch,
            {
                self.admin_a1: ["present", "late", "present", "present"],
                self.admin_a2: ["present", "absent", "present", "present"],
            },
        )
        self.examine(batch, {self.admin_a1: 90, self.admin_a2: 95})
        self.close(batch)
        status = admins._oa_training_admin_status()
        self.assertEqual(status[self.admin_a1.id][0], True)
        self.assertEqual(status[self.admin_a2.id][0], False)
        self.assertIn("1", status[self.admin_a2.id][1])
        self.assertEqual(status[self.admin_b.id][0], False)
        self.assertRecordValues(
            admins,
            [
                {"oa_training_admin_ok": True},
                {"oa_training_admin_ok": False},
                {"oa_training_admin_ok": False},
            ],
        )

    def test_failed_and_excused(self):
        batch = self.make_batch("系统管理员培训班", 2, kind="admin")
        self.enrol(batch, self.admin_a1 | self.admin_a2)
        self.record(
            batch,
            {
                self.admin_a1: ["present", "present", "present", "present"],
                self.admin_a2: ["present", "excused", "present", "present"],
            },
        )
        self.examine(batch, {self.admin_a1: 40, self.admin_a2: 80})
        status = (self.admin_a1 | self.admin_a2)._oa_training_admin_status()
        # failed the exam
        self.assertFalse(status[self.admin_a1.id][0])
        # passed, but did not attend every session: the course is not finished
        self.assertFalse(status[self.admin_a2.id][0])
        self.assertNotEqual(status[self.admin_a1.id][1], status[self.admin_a2.id][1])

    def test_staff_training_does_not_count(self):
        batch = self.make_batch("第一批", 2)
        self.enrol(batch, self.admin_a1)
        self.record(batch, {self.admin_a1: ["present"] * 4})
        self.examine(batch, {self.admin_a1: 90})
        self.assertFalse(self.admin_a1._oa_training_admin_status()[self.admin_a1.id][0])

    def test_rpc_entry_point(self):
        result = self.env["res.users"]._oa_training_admin_status_of(
            [self.admin_b.id, "x"]
        )
        self.assertEqual(list(result), [self.admin_b.id])


@tagged("post_install", "-at_install")
class TestTrainingRates(OaTrainingCommon):
    """三(二)4: 用户培训率100%."""

    def unit_a_people(self):
        return self.env["res.users"].search(
            [("oa_unit_id", "=", self.unit_a.id), ("share", "=", False)]
        )

    def pass_people(self, users, day=2):
        batch = self.make_batch(f"批{day}", day)
        self.enrol(batch, users)
        self.examine(batch, dict.fromkeys(users, 80))
        return batch

    def test_rate_and_missing(self):
        people = self.unit_a_people()
        self.pass_people(self.staff_a | self.leader_a)
        # a failure does not count
        batch = self.make_batch("批9", 9)
        self.enrol(batch, self.admin_a1)
        self.examine(batch, {self.admin_a1: 10})
        rates = self.env["oa.training.rate"]._oa_compute(self.unit_a | self.unit_b)
        row = rates[self.unit_a.id]
        self.assertEqual(row["user_count"], len(people))
        self.assertEqual(row["passed_count"], 2)
        self.assertAlmostEqual(row["rate"], 200.0 / len(people))
        self.assertEqual(
            set(row["missing_ids"]), set((people - self.staff_a - self.leader_a).ids)
        )
        # leaders separately: the unit's leader in charge and company leaders
        self.assertEqual(row["leader_count"], 1)
        self.assertEqual(row["leader_passed_count"], 1)
        self.assertEqual(row["leader_rate"], 100.0)
        self.assertEqual(rates[self.unit_b.id]["passed_count"], 0)

    def test_rate_in_few_queries(self):
        self.pass_people(self.staff_a)
        self.env.flush_all()
        # the xmlid of the leaders' group, the aggregate, nothing per unit or
        # per user
        with self.assertQueryCount(__system__=3):
            self.env["oa.training.rate"]._oa_compute(self.unit_a | self.unit_b)

    def test_snapshot_history_does_not_move(self):
        self.pass_people(self.staff_a)
        Rate = self.env["oa.training.rate"]
        yesterday = Rate._oa_snapshot(date(2030, 3, 1), self.unit_a | self.unit_b)
        before = yesterday.filtered(lambda r: r.unit_id == self.unit_a)
        values = before.read(["user_count", "passed_count", "rate"])[0]
        # staff_a moves to unit B
        self.staff_a.oa_unit_id = self.unit_b
        today = Rate._oa_snapshot(date(2030, 3, 2), self.unit_a | self.unit_b)
        self.env.invalidate_all()
        self.assertEqual(before.read(["user_count", "passed_count", "rate"])[0], values)
        after_b = today.filtered(lambda r: r.unit_id == self.unit_b)
        self.assertEqual(after_b.passed_count, 1)
        self.assertEqual(before.passed_count, 1)
        # re-running a day replaces that day's rows, never duplicates them
        Rate._oa_snapshot(date(2030, 3, 2), self.unit_a | self.unit_b)
        self.assertEqual(
            Rate.search_count(
                [
                    ("date", "=", date(2030, 3, 2)),
                    ("unit_id", "in", (self.unit_a | self.unit_b).ids),
                ]
            ),
            2,
        )

    def test_cron_records_every_unit(self):
        Rate = self.env["oa.training.rate"]
        Rate._cron_snapshot()
        units = self.env["hr.department"].search([("is_oa_unit", "=", True)])
        self.assertEqual(
            Rate.search_count(
                [
                    ("date", "=", fields.Date.context_today(Rate)),
                    ("unit_id", "in", units.ids),
                ]
            ),
            len(units),
        )
