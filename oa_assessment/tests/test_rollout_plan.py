# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.oa_assessment.models.oa_rollout_task import OaRolloutTask

from .test_usage_common import OaUsageCommon


class OaRolloutCommon(OaUsageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phase = cls.env["oa.rollout.phase"].create(
            {
                "name": "培训与系统配置阶段",
                "date_start": date(2025, 5, 26),
                "date_end": date(2025, 6, 30),
            }
        )
        cls.Task = cls.env["oa.rollout.task"]

    def new_task(self, user=None, **vals):
        values = {
            "name": "完成用户、权限、栏目设置",
            "phase_id": self.phase.id,
            "unit_id": self.unit_a.id,
            "user_id": self.staff_a.id,
            "deadline_type": "fixed",
            "date_fixed": date(2025, 6, 6),
        }
        values.update(vals)
        return self.Task.with_user(user or self.admin_a1).create(values)

    def todo(self, task):
        activity_type = self.env.ref("oa_assessment.mail_activity_type_rollout_task")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.rollout.task"),
                ("res_id", "=", task.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestRolloutDeadlines(OaRolloutCommon):
    def test_fixed_deadline(self):
        task = self.new_task()
        self.assertEqual(task.date_deadline, date(2025, 6, 6))

    def test_after_the_phase_start_on_working_days(self):
        task = self.new_task(deadline_type="phase_start", offset_days=10)
        # from Monday 26 May: 27..30 May (4), 3..7 June (5, the holiday
        # skipped and the make-up Saturday counted), Monday 9 June
        self.assertEqual(task.date_event, date(2025, 5, 26))
        self.assertEqual(task.date_deadline, date(2025, 6, 9))

    def test_after_the_administrators_training(self):
        task = self.new_task(deadline_type="admin_training", offset_days=5)
        # nobody passed the administrators' training yet: no deadline, not late
        self.assertFalse(task.date_event)
        self.assertFalse(task.date_deadline)
        self.assertFalse(task.is_late)
        finished = {self.unit_a.id: date(2025, 5, 30)}
        with patch.object(
            OaRolloutTask, "_oa_admin_training_dates", return_value=finished
        ):
            self.Task._cron_refresh_deadlines()
        self.assertEqual(task.date_event, date(2025, 5, 30))
        # one week of working days after Friday 30 May: Saturday 7 June
        self.assertEqual(task.date_deadline, date(2025, 6, 7))
        self.assertEqual(self.todo(task).date_deadline, date(2025, 6, 7))

    def pass_admin_training(self, admins, when):
        """Both administrators attend the administrators' class and pass
        its exam at ``when`` (UTC), through the training records."""
        batch = self.env["oa.training.batch"].create(
            {
                "name": "系统管理员培训班",
                "kind": "admin",
                "date_start": when.date(),
                "date_end": when.date(),
                "session_ids": [(0, 0, {"name": "系统设置", "date": when.date()})],
            }
        )
        enrolments = self.env["oa.training.enrolment"].create(
            [{"batch_id": batch.id, "user_id": a.id} for a in admins]
        )
        enrolments.attendance_ids.write({"status": "present"})
        self.env["oa.training.exam"].create(
            [{"enrolment_id": e.id, "score": 90.0, "date": when} for e in enrolments]
        )

    def test_deadline_from_the_real_training_records(self):
        task = self.new_task(deadline_type="admin_training", offset_days=10)
        self.assertFalse(task.date_deadline)
        # 30 May 2025, 10:00 in Shanghai
        self.pass_admin_training(self.admin_a1, datetime(2025, 5, 30, 2, 0))
        self.Task._cron_refresh_deadlines()
        self.assertFalse(task.date_deadline, "one administrator is still untrained")
        self.pass_admin_training(self.admin_a2, datetime(2025, 5, 30, 3, 0))
        self.Task._cron_refresh_deadlines()
        self.assertEqual(task.date_event, date(2025, 5, 30))
        # two weeks of working days: 3..7 June (5, with the make-up Saturday),
        # 9..13 June (5)
        self.assertEqual(task.date_deadline, date(2025, 6, 13))
        self.assertEqual(self.todo(task).date_deadline, date(2025, 6, 13))

    def test_training_dates_need_every_administrator(self):
        dates = self.Task._oa_admin_training_dates(self.unit_a | self.unit_b)
        self.assertEqual(dates, {})

    def test_late(self):
        # the day as the actor sees it (Beijing): Done records his date
        today = fields.Date.context_today(self.Task.with_user(self.staff_a))
        past = today - timedelta(days=3)
        on_time = self.new_task(date_fixed=today + timedelta(days=3))
        open_late = self.new_task(date_fixed=past)
        done_late = self.new_task(date_fixed=past - timedelta(days=5))
        done_late.with_user(self.staff_a).action_done()
        done_ok = self.new_task(date_fixed=today)
        done_ok.with_user(self.staff_a).action_done()
        tasks = on_time | open_late | done_late | done_ok
        self.assertEqual(tasks.mapped("is_late"), [False, True, True, False])
        late = self.Task.search([("id", "in", tasks.ids), ("is_late", "=", True)])
        self.assertEqual(late, open_late | done_late)
        not_late = self.Task.search([("id", "in", tasks.ids), ("is_late", "=", False)])
        self.assertEqual(not_late, on_time | done_ok)
        self.assertEqual(self.phase.late_count, 2)
        self.assertEqual(self.phase.task_count, 4)


@tagged("post_install", "-at_install")
class TestRolloutFlow(OaRolloutCommon):
    def test_todo_follows_the_task(self):
        # the day as the actors see it (Beijing): Done records their date
        today = fields.Date.context_today(self.Task.with_user(self.clerk_a))
        task = self.new_task(date_fixed=today + timedelta(days=5))
        todo = self.todo(task)
        self.assertRecordValues(
            todo,
            [{"user_id": self.staff_a.id, "date_deadline": today + timedelta(days=5)}],
        )
        task.with_user(self.admin_a1).write(
            {"user_id": self.clerk_a.id, "date_fixed": today + timedelta(days=12)}
        )
        self.assertRecordValues(
            self.todo(task),
            [{"user_id": self.clerk_a.id, "date_deadline": today + timedelta(days=12)}],
        )
        task.with_user(self.clerk_a).action_done()
        self.assertRecordValues(task, [{"state": "done", "date_done": today}])
        self.assertFalse(self.todo(task))
        task.with_user(self.admin_a1).action_reopen()
        self.assertRecordValues(task, [{"state": "open", "date_done": False}])
        self.assertEqual(self.todo(task).user_id, self.clerk_a)
        task.with_user(self.admin_a1).action_cancel()
        self.assertEqual(task.state, "cancel")
        self.assertFalse(self.todo(task))

    def test_wrong_transitions(self):
        task = self.new_task()
        with self.assertRaises(UserError):
            task.with_user(self.admin_a1).action_reopen()
        task.with_user(self.admin_a1).action_cancel()
        with self.assertRaises(UserError):
            task.with_user(self.admin_a1).action_done()

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_owner_only_marks_done(self):
        task = self.new_task()
        with self.assertRaises(AccessError):
            task.with_user(self.staff_a).action_cancel()
        task.with_user(self.staff_a).action_done()
        with self.assertRaises(AccessError):
            task.with_user(self.staff_a).action_reopen()

    def test_flow_fields_only_through_the_buttons(self):
        task = self.new_task()
        for user in (self.admin_a1, self.project_user):
            with self.assertRaises(UserError):
                task.with_user(user).write({"state": "done"})
            with self.assertRaises(UserError):
                task.with_user(user).write({"date_done": date(2025, 6, 1)})
            with self.assertRaises(UserError):
                self.new_task(user=user, state="done")
        self.assertEqual(task.state, "open")

    def test_deadline_is_computed_only(self):
        task = self.new_task()
        for user in (self.admin_a1, self.project_user):
            for name in ("date_deadline", "date_event"):
                with self.assertRaises(UserError):
                    task.with_user(user).write({name: date(2030, 1, 1)})
        self.assertEqual(task.date_deadline, date(2025, 6, 6))

    def test_passed_deadline_moves_only_by_the_project_group(self):
        today = fields.Date.context_today(self.Task)
        ahead = self.new_task(date_fixed=today + timedelta(days=10))
        ahead.with_user(self.admin_a1).write({"date_fixed": today + timedelta(days=20)})
        late = self.new_task(date_fixed=today - timedelta(days=1))
        for vals in (
            {"date_fixed": today + timedelta(days=30)},
            {"deadline_type": "phase_start"},
            {"offset_days": 99},
        ):
            with self.assertRaises(UserError):
                late.with_user(self.admin_a1).write(vals)
        self.assertTrue(late.is_late)
        late.with_user(self.admin_a1).write({"name": "改名也可以"})
        late.with_user(self.project_user).write(
            {"date_fixed": today + timedelta(days=30)}
        )
        self.assertFalse(late.is_late)
        ahead.with_user(self.admin_a1).action_done()
        with self.assertRaises(UserError):
            ahead.with_user(self.admin_a1).write({"date_fixed": today})

    def test_bad_ids(self):
        with self.assertRaises(UserError):
            self.Task.browse(987654321).with_user(self.project_user).action_done()


@tagged("post_install", "-at_install")
class TestRolloutAccess(OaRolloutCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_a = cls.Task.create(
            {
                "name": "甲的任务",
                "phase_id": cls.phase.id,
                "unit_id": cls.unit_a.id,
                "user_id": cls.staff_a.id,
                "date_fixed": date(2025, 6, 6),
            }
        )
        cls.task_b = cls.Task.create(
            {
                "name": "乙的任务",
                "phase_id": cls.phase.id,
                "unit_id": cls.unit_b.id,
                "user_id": cls.staff_b.id,
                "date_fixed": date(2025, 6, 6),
            }
        )

    def visible(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.Task.with_user(user).search(
            [("id", "in", (self.task_a | self.task_b).ids)]
        )

    def test_who_reads_what(self):
        self.assertEqual(self.visible(self.project_user), self.task_a | self.task_b)
        self.assertEqual(self.visible(self.admin_a1), self.task_a)
        self.assertEqual(self.visible(self.admin_b), self.task_b)
        self.assertEqual(self.visible(self.staff_a), self.task_a)  # his own
        self.assertEqual(self.visible(self.leader_a), self.task_a)  # his unit
        self.assertFalse(self.visible(self.clerk_a))
        self.assertFalse(self.visible(self.finance))
        self.assertEqual(
            self.env["oa.rollout.phase"]
            .with_user(self.finance)
            .search_count([("id", "=", self.phase.id)]),
            1,
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_unit_admin_plans_his_units_only(self):
        # his unit and its sub-unit
        self.new_task(unit_id=self.unit_a_sub.id)
        with self.assertRaises(AccessError):
            self.new_task(unit_id=self.unit_b.id)
        with self.assertRaises(AccessError):
            self.task_b.with_user(self.admin_a1).write({"name": "改"})
        with self.assertRaises(AccessError):
            self.task_a.with_user(self.admin_a1).write({"unit_id": self.unit_b.id})
        with self.assertRaises(AccessError):
            self.task_b.with_user(self.admin_a1).unlink()
        with self.assertRaises(AccessError):
            self.task_b.with_user(self.admin_a1).action_cancel()
        self.task_a.with_user(self.admin_a1).write({"name": "改名"})
        self.assertEqual(self.task_a.name, "改名")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_plain_users_and_finance_do_not_plan(self):
        for user in (self.staff_a, self.finance, self.leader_a):
            with self.assertRaises(AccessError):
                self.new_task(user=user)
            with self.assertRaises(AccessError):
                self.task_a.with_user(user).write({"name": "改"})
            with self.assertRaises(AccessError):
                self.task_a.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.task_a.with_user(self.finance).action_done()
        with self.assertRaises(AccessError):
            self.task_a.with_user(self.leader_a).action_done()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_phases_are_the_project_groups(self):
        with self.assertRaises(AccessError):
            self.phase.with_user(self.admin_a1).write({"name": "改"})
        with self.assertRaises(AccessError):
            self.env["oa.rollout.phase"].with_user(self.admin_a1).create(
                {
                    "name": "x",
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 1, 2),
                }
            )
        self.phase.with_user(self.project_user).write({"name": "改"})

    def test_project_group_moves_any_task(self):
        self.task_b.with_user(self.project_user).action_cancel()
        self.task_b.with_user(self.project_user).action_reopen()
        self.task_b.with_user(self.project_user).write({"unit_id": self.unit_a.id})
        self.assertEqual(self.task_b.unit_id, self.unit_a)
