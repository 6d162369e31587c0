# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receipts run on the flow kernel: every step is an ``oa.flow.step`` row
with its actors, deadline (working days, per unit), who acted and for
whom, and the actor's completed to-do in his 已办."""

from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.oa_document.models.oa_document_incoming import STEP_DONE_FIELDS

from .common import OaDocumentCommon, run_migration

# Monday 2 March 2026, 10:00 in Beijing
MONDAY = datetime(2026, 3, 2, 2, 0)


def beijing_midnight_after(year, month, day):
    """The end of that Beijing day, as naive UTC."""
    return datetime(year, month, day, 16, 0)


@tagged("post_install", "-at_install")
class TestIncomingSteps(OaDocumentCommon):
    def _receipt(self):
        doc = self._run_until(self._draft(), "distributed")
        return doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)

    def _steps(self, inc):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["oa.flow.step"].search(
            [("res_model", "=", inc._name), ("res_id", "=", inc.id)],
            order="sequence, id",
        )

    def _through(self, inc):
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟请乙领导阅示")
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("请办理")
        inc.with_user(self.staff_b).action_start()
        inc.with_user(self.staff_b).write({"feedback": "已办结"})
        inc.with_user(self.staff_b).action_finish()
        inc.with_user(self.clerk_b).action_archive_incoming()

    def test_every_step_is_a_row(self):
        with freeze_time(MONDAY):
            inc = self._receipt()
            steps = self._steps(inc)
            self.assertRecordValues(
                steps,
                [
                    {
                        "step_type": "receive",
                        "state": "pending",
                        "unit_id": self.unit_b.id,
                        "date_start": MONDAY,
                        # 1 working day: the end of Tuesday in Beijing
                        "date_deadline": beijing_midnight_after(2026, 3, 3),
                        "working_days": 1.0,
                    }
                ],
            )
            self.assertIn(self.clerk_b, steps.user_ids)
        with freeze_time(MONDAY + timedelta(hours=3)):
            self._through(inc)
        steps = self._steps(inc)
        self.assertEqual(
            steps.mapped("step_type"),
            ["receive", "propose", "instruct", "start", "finish", "archive"],
        )
        self.assertEqual(set(steps.mapped("state")), {"done"})
        self.assertRecordValues(
            steps,
            [
                {"acted_by_id": self.clerk_b.id, "comment": False},
                {"acted_by_id": self.clerk_b.id, "comment": "拟请乙领导阅示"},
                {"acted_by_id": self.leader_b.id, "comment": "请办理"},
                {"acted_by_id": self.staff_b.id, "comment": False},
                {"acted_by_id": self.staff_b.id, "comment": "已办结"},
                {"acted_by_id": self.clerk_b.id, "comment": False},
            ],
        )
        self.assertEqual(steps[0].date_end, MONDAY + timedelta(hours=3))
        self.assertAlmostEqual(steps[0].waiting_hours, 3.0)
        self.assertEqual(steps[2].user_ids, self.leader_b)
        self.assertEqual(steps[3].user_ids, self.staff_b)
        # 批办: 2 working days from Monday, the end of Wednesday
        self.assertEqual(steps[2].date_deadline, beijing_midnight_after(2026, 3, 4))

    def test_deadline_skips_the_weekend_and_follows_the_unit(self):
        friday = datetime(2026, 3, 6, 2, 0)
        with freeze_time(friday):
            inc = self._receipt()
        # signed for on Friday: due at the end of Monday
        self.assertEqual(
            self._steps(inc).date_deadline, beijing_midnight_after(2026, 3, 9)
        )
        self.env["oa.flow.deadline"].create(
            [
                {
                    "step_key": "oa.document.incoming:receive",
                    "working_days": 2,
                },
                {
                    "step_key": "oa.document.incoming:receive",
                    "unit_id": self.unit_b.id,
                    "working_days": 3,
                },
            ]
        )
        with freeze_time(MONDAY):
            doc = self._run_until(
                self._draft(
                    main_unit_ids=[(6, 0, self.unit_b.ids)],
                    copy_unit_ids=[(6, 0, self.unit_c.ids)],
                ),
                "distributed",
            )
        deadlines = {
            inc.unit_id: self._steps(inc).date_deadline for inc in doc.incoming_ids
        }
        # the unit's own limit (3 days: Thursday), else the company's (2)
        self.assertEqual(deadlines[self.unit_b], beijing_midnight_after(2026, 3, 5))
        self.assertEqual(deadlines[self.unit_c], beijing_midnight_after(2026, 3, 4))

    def test_proxy_acting_is_recorded_and_handled_shows_in_his_done(self):
        inc = self._receipt()
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": self.leader_b.id,
                "proxy_user_id": self.admin_b.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )
        acting = inc.with_user(self.admin_b)
        acting.write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        acting.action_instruct("代为批办")
        instruct = self._steps(inc).filtered(lambda s: s.step_type == "instruct")
        self.assertRecordValues(
            instruct,
            [
                {
                    "state": "done",
                    "acted_by_id": self.admin_b.id,
                    "on_behalf_of_id": self.leader_b.id,
                    "comment": "代为批办",
                }
            ],
        )
        # the clerk's 已办: the to-do of the step he did is completed, not
        # deleted
        done = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", inc._name),
                    ("res_id", "=", inc.id),
                    ("user_id", "=", self.clerk_b.id),
                    ("active", "=", False),
                ]
            )
        )
        self.assertEqual(len(done), 2, "signed for, then proposed")
        self.assertEqual(
            set(
                inc.oa_step_ids.filtered(lambda s: s.state == "pending").mapped(
                    "step_type"
                )
            ),
            {"start"},
        )

    def test_steps_read_as_the_receipt_and_never_written(self):
        inc = self._receipt()
        inc.with_user(self.clerk_b).action_receive()
        step = self._steps(inc)[0]
        # a clerk of the receiving unit reads them, on the form too
        self.assertEqual(
            inc.with_user(self.clerk_b).oa_step_ids.mapped("step_type"),
            ["receive", "propose"],
        )
        # a user of another unit neither reads nor finds them
        Step = self.env["oa.flow.step"].with_user(self.staff_c)
        self.assertFalse(Step.search([("res_id", "=", inc.id)]))
        with self.assertRaises(AccessError):
            Step.browse(step.id).read(["comment"])
        # nobody but the flow writes, creates or deletes one
        for user in (self.clerk_b, self.admin_b):
            mine = step.with_user(user)
            with self.assertRaises(UserError):
                mine.write({"state": "pending", "acted_by_id": user.id})
            with self.assertRaises(AccessError):
                mine.unlink()
            with self.assertRaises(UserError):
                Step.with_user(user).create(
                    {
                        "res_model": inc._name,
                        "res_id": inc.id,
                        "step_type": "receive",
                        "name": "签收",
                    }
                )
            with self.assertRaises(UserError):
                inc.with_user(user).write({"oa_step_ids": [(2, step.id)]})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(step.state, "done")

    def test_one_pending_step_per_record(self):
        inc = self._receipt()
        # whatever slips past the state checks (two transactions at the
        # same instant), a step of a record is pending once
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "INSERT INTO oa_flow_step (res_model, res_id, step_type, name,"
                " sequence, state, unit_id)"
                " VALUES (%s, %s, 'receive', 'x', 0, 'pending', %s)",
                [inc._name, inc.id, inc.unit_id.id],
            )

    def test_migration_builds_the_rows_of_existing_receipts(self):
        inc = self._receipt()
        self._through(inc)
        other = self._receipt()
        other.with_user(self.clerk_b).action_receive()
        before = {
            r.id: self._steps(r).mapped(
                lambda s: (s.step_type, s.state, s.acted_by_id.id, s.comment)
            )
            for r in inc | other
        }
        # a database of before the kernel: receipts without rows, their
        # who/when in columns of their own (read in SQL by the migration)
        self._old_columns(inc | other)
        self.env.cr.execute(
            "DELETE FROM oa_flow_step WHERE res_model = %s AND res_id IN %s",
            [inc._name, (inc.id, other.id)],
        )
        self.env.invalidate_all()
        self.assertFalse(inc.received_by_id)
        run_migration(self.env.cr, "18.0.1.1.0", "18.0.1.0.0")
        for receipt in inc | other:
            self.assertEqual(
                self._steps(receipt).mapped(
                    lambda s: (s.step_type, s.state, s.acted_by_id.id, s.comment)
                ),
                before[receipt.id],
            )
        pending = self._steps(other).filtered(lambda s: s.state == "pending")
        self.assertEqual(pending.step_type, "propose")
        self.assertEqual(pending.date_start, self._steps(other)[0].date_end)
        # the fields read the migrated rows
        self.assertRecordValues(
            inc | other,
            [
                {"received_by_id": self.clerk_b.id, "archived_by_id": self.clerk_b.id},
                {"received_by_id": self.clerk_b.id, "archived_by_id": False},
            ],
        )

    def _old_columns(self, receipts):
        """The who/when columns of the receipts before the kernel, filled
        from their rows."""
        cr = self.env.cr
        for _step_type, (by, when) in STEP_DONE_FIELDS.items():
            cr.execute(
                SQL(
                    "ALTER TABLE oa_document_incoming ADD COLUMN %s int,"
                    " ADD COLUMN %s timestamp",
                    SQL.identifier(by),
                    SQL.identifier(when),
                )
            )
        for inc in receipts:
            for step in self._steps(inc).filtered(lambda s: s.state == "done"):
                by, when = STEP_DONE_FIELDS[step.step_type]
                cr.execute(
                    SQL(
                        "UPDATE oa_document_incoming SET %s = %s, %s = %s"
                        " WHERE id = %s",
                        SQL.identifier(by),
                        step.acted_by_id.id,
                        SQL.identifier(when),
                        step.date_end,
                        inc.id,
                    )
                )


@tagged("post_install", "-at_install")
class TestSupervisionSteps(OaDocumentCommon):
    """Supervision items run on the kernel too: the feedback step is due
    at the end of the item's deadline day, the supervisor's review follows,
    a return opens the feedback again; the rows say who acted for whom."""

    def test_feedback_and_review_are_rows(self):
        with freeze_time("2026-04-01 02:00:00"):
            self._feedback_and_review()

    def _feedback_and_review(self):
        item = (
            self.env["oa.supervision"]
            .with_user(self.project_user)
            .create(
                {
                    "name": "报送试运行情况",
                    "requirement": "4月30日前报送",
                    "unit_id": self.unit_b.id,
                    "date_deadline": "2026-04-30",
                }
            )
        )
        feedback = item.oa_step_ids
        self.assertRecordValues(
            feedback,
            [
                {
                    "step_type": "feedback",
                    "state": "pending",
                    "user_ids": self.leader_b.ids,
                    # the end of 30 April in Beijing
                    "date_deadline": datetime(2026, 4, 30, 16, 0),
                }
            ],
        )
        self.assertEqual(item.activity_ids.date_deadline, datetime(2026, 4, 30).date())
        # the responsible person changes: the step and its to-do follow
        item.with_user(self.leader_b).write({"responsible_id": self.staff_b.id})
        self.assertEqual(item.oa_step_ids.user_ids, self.staff_b)
        self.assertEqual(item.activity_ids.user_id, self.staff_b)
        # the deadline moves: so does the step's
        item.with_user(self.project_user)._action_change_deadline(
            datetime(2026, 5, 8).date(), "延期一周"
        )
        self.assertEqual(item.oa_step_ids.date_deadline, datetime(2026, 5, 8, 16, 0))
        item.with_user(self.staff_b).write({"feedback": "已报送"})
        item.with_user(self.staff_b).action_submit_feedback()
        item.with_user(self.project_user)._action_return_feedback("请补充数据")
        item.with_user(self.staff_b).action_submit_feedback()
        item.with_user(self.project_user).action_accept_feedback()
        self.env.flush_all()
        self.env.invalidate_all()
        done = [
            ("feedback", self.staff_b, "已报送"),
            ("accept", self.project_user, "请补充数据"),
            ("feedback", self.staff_b, "已报送"),
            ("accept", self.project_user, False),
        ]
        self.assertRecordValues(
            item.oa_step_ids.sorted("id"),
            [
                {"step_type": t, "state": "done", "acted_by_id": u.id, "comment": c}
                for t, u, c in done
            ],
        )
        self.assertFalse(item.activity_ids)
        # the supervisor's 已办 lists the item
        self.assertTrue(
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_count(
                [
                    ("res_model", "=", item._name),
                    ("res_id", "=", item.id),
                    ("user_id", "=", self.project_user.id),
                    ("active", "=", False),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestDocumentReceiptsTab(OaDocumentCommon):
    """The form's 收文 tab as each reader opens it: Odoo does not filter
    x2many values by record rules, so showing ``incoming_ids`` refused the
    whole form to a receiving unit's user (another unit's receipt in it)."""

    def test_each_reader_sees_the_receipts_he_may_read(self):
        doc = self._run_until(
            self._draft(
                main_unit_ids=[(6, 0, self.unit_b.ids)],
                copy_unit_ids=[(6, 0, self.unit_c.ids)],
            ),
            "distributed",
        )
        arch = self.env["oa.document"].get_view(view_type="form")["arch"]
        self.assertIn('name="incoming_visible_ids"', arch)
        self.assertNotIn('name="incoming_ids"', arch)
        spec = {
            "incoming_visible_ids": {
                "fields": {"unit_id": {"fields": {"display_name": {}}}, "state": {}}
            }
        }
        for user, units in (
            (self.staff_b, self.unit_b),
            (self.staff_c, self.unit_c),
            (self.staff_a, self.unit_b | self.unit_c),
        ):
            self.env.flush_all()
            self.env.invalidate_all()
            [values] = doc.with_user(user).web_read(spec)
            self.assertEqual(
                {row["unit_id"]["id"] for row in values["incoming_visible_ids"]},
                set(units.ids),
                user.login,
            )
