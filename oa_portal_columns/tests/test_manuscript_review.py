# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The review of a manuscript is a step of the flow kernel: each submission
opens a review row for the editors, due in three working days of the company
calendar, with to-dos for them and their proxies due on that day; accepting
or returning closes it (who, for whom, the opinion or the reason) and the
actor's to-do goes to his 已办.  Only the flow writes it; its events are
named subtypes a follower picks."""

import importlib.util
from datetime import date, datetime, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .manuscript_common import OaManuscriptCommon

RULE_LOGGERS = (
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
)
# Friday 6 March 2026, 10:00 in Beijing
FRIDAY = datetime(2026, 3, 6, 2, 0)
# three working days later: the end of Wednesday 11 March in Beijing
FRIDAY_DEADLINE = datetime(2026, 3, 11, 16, 0)
# Friday 6 March 2026, 00:30 in Beijing (still Thursday in UTC)
FRIDAY_EARLY = datetime(2026, 3, 5, 16, 30)


class TestManuscriptReview(OaManuscriptCommon):
    def _todos(self, manuscript, active=True):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "oa.manuscript"),
                    ("res_id", "=", manuscript.id),
                    ("active", "=", active),
                ]
            )
        )

    def _steps(self, manuscript):
        manuscript.invalidate_recordset(["oa_step_ids"])
        return manuscript.sudo().oa_step_ids.sorted("id")

    def test_review_step_deadline_and_todos(self):
        editors = self.env["oa.manuscript"]._oa_editors()
        self.assertIn(self.editor, editors)
        for moment in (FRIDAY, FRIDAY_EARLY):
            with self.subTest(moment=moment), freeze_time(moment):
                manuscript = self._manuscript(submit=True)
                step = self._steps(manuscript)
                self.assertRecordValues(
                    step,
                    [
                        {
                            "step_type": "review",
                            "state": "pending",
                            "date_start": moment,
                            "date_deadline": FRIDAY_DEADLINE,
                            "working_days": 3,
                        }
                    ],
                )
                self.assertEqual(step.user_ids, editors)
                todos = self._todos(manuscript)
                self.assertEqual(todos.user_id, editors)
                # due on the deadline's day in Beijing, whatever the UTC day
                self.assertEqual(
                    set(todos.mapped("date_deadline")), {date(2026, 3, 11)}
                )
                self.assertEqual(
                    set(todos.mapped("summary")), {"Review: " + manuscript.name}
                )

    def test_proxy_reviews_for_the_editor(self):
        """A proxy who is no editor gets a copy of the to-do, reads the
        manuscript while the review waits, and accepts it for the editor:
        the row says so, his to-do goes to his 已办."""
        with freeze_time(FRIDAY):
            self.env["oa.proxy"].create(
                {
                    "user_id": self.editor.id,
                    "proxy_user_id": self.staff_b.id,
                    "date_from": FRIDAY - timedelta(hours=1),
                    "date_to": FRIDAY + timedelta(days=3),
                    "reason": "trip",
                }
            )
            manuscript = self._manuscript(submit=True)
            mine = self._todos(manuscript).filtered(lambda t: t.user_id == self.staff_b)
            self.assertEqual(len(mine), 1)
            self.assertEqual(mine.date_deadline, date(2026, 3, 11))
            self.assertIn(self.editor.name, mine.summary)
            # he reads it (and its steps) while it waits for his principal
            proxy_view = manuscript.with_user(self.staff_b)
            proxy_view.read(["name", "body"])
            self.assertTrue(proxy_view.can_review)
            self.assertTrue(proxy_view.oa_step_ids)
            # another user of his unit does not
            with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                manuscript.with_user(self.liaison).read(["name"])
            proxy_view.action_accept("同意采用")
            # the review is over: he no longer reads it, his window still open
            self.env.invalidate_all()
            with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                manuscript.with_user(self.staff_b).read(["name"])
        self.assertRecordValues(
            manuscript,
            [{"state": "accepted", "reviewer_id": self.staff_b.id}],
        )
        self.assertRecordValues(
            self._steps(manuscript),
            [
                {
                    "state": "done",
                    "acted_by_id": self.staff_b.id,
                    "on_behalf_of_id": self.editor.id,
                    "comment": "同意采用",
                }
            ],
        )
        # his 已办: his to-do completed; the editors' removed
        self.assertEqual(self._todos(manuscript, active=False).user_id, self.staff_b)
        self.assertFalse(self._todos(manuscript))

    def test_proxy_window_over_cannot_review(self):
        manuscript = self._manuscript(submit=True)
        self.env["oa.proxy"].create(
            {
                "user_id": self.editor.id,
                "proxy_user_id": self.staff_b.id,
                "date_from": datetime.now() - timedelta(days=3),
                "date_to": datetime.now() - timedelta(days=1),
                "reason": "leave",
            }
        )
        with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
            manuscript.with_user(self.staff_b).action_accept()
        self.assertEqual(manuscript.state, "submitted")

    def test_return_closes_the_row_and_resubmit_opens_a_fresh_one(self):
        manuscript = self._manuscript(submit=True)
        manuscript.with_user(self.editor).action_return("请补充数据")
        (first,) = self._steps(manuscript)
        self.assertRecordValues(
            first,
            [
                {
                    "state": "done",
                    "acted_by_id": self.editor.id,
                    "on_behalf_of_id": False,
                    "comment": "请补充数据",
                }
            ],
        )
        # the editor's 已办; the author's to-do to correct it
        done = self._todos(manuscript, active=False)
        self.assertEqual(done.user_id, self.editor)
        self.assertTrue(done.date_done)
        self.assertEqual(self._todos(manuscript).user_id, self.staff_a)
        manuscript.with_user(self.staff_a).action_submit()
        first, second = self._steps(manuscript)
        self.assertEqual(first.state, "done")
        self.assertRecordValues(second, [{"step_type": "review", "state": "pending"}])
        # the author's to-do is in his 已办 now, the editors have theirs
        self.assertEqual(
            self._todos(manuscript, active=False).user_id, self.editor | self.staff_a
        )
        self.assertEqual(
            self._todos(manuscript).user_id, self.env["oa.manuscript"]._oa_editors()
        )
        manuscript.with_user(self.editor).action_accept()
        self.assertEqual(self._steps(manuscript).mapped("state"), ["done", "done"])
        self.assertFalse(self._steps(manuscript)[1].comment)

    def test_opinion_must_be_text(self):
        manuscript = self._manuscript(submit=True)
        with self.assertRaises(UserError):
            manuscript.with_user(self.editor).action_accept(["同意"])
        self.assertEqual(self._steps(manuscript).state, "pending")

    @mute_logger(*RULE_LOGGERS)
    def test_steps_written_by_the_flow_only(self):
        manuscript = self._manuscript(submit=True)
        step = self._steps(manuscript)
        for user in (self.staff_a, self.editor):
            with self.assertRaises(UserError, msg=user.login):
                manuscript.with_user(user).write(
                    {"oa_step_ids": [Command.update(step.id, {"state": "done"})]}
                )
            with self.assertRaises(UserError, msg=user.login):
                manuscript.with_user(user).write({"oa_step_ids": [Command.clear()]})
            with self.assertRaises(UserError, msg=user.login):
                step.with_user(user).write({"state": "done"})
        # default_* keys do not give a new draft any step nor state
        draft = (
            self.env["oa.manuscript"]
            .with_user(self.staff_a)
            .with_context(
                default_state="submitted",
                default_oa_step_ids=[Command.link(step.id)],
                default_reviewer_id=self.editor.id,
            )
            .create({"name": "默认值", "body": "<p>x</p>"})
        )
        self.assertRecordValues(draft, [{"state": "draft", "reviewer_id": False}])
        self.assertFalse(self._steps(draft))
        self.assertEqual(step.sudo().state, "pending")

    def test_events_are_named_subtypes(self):
        """Submitted, accepted and returned are subtypes of their own: a
        follower of the acceptance only is told of it, not of a return."""
        ref = self.env.ref
        follower = self.admin_a1.partner_id
        manuscript = self._manuscript().with_context(tracking_disable=False)
        # a record created in this transaction is tracked once committed
        self.env.cr.precommit.run()
        manuscript.sudo().message_subscribe(
            follower.ids,
            subtype_ids=ref("oa_portal_columns.mt_manuscript_accepted").ids,
        )
        author = manuscript.with_user(self.staff_a)
        editor = manuscript.with_user(self.editor)

        def last(subtype):
            self.env.cr.precommit.run()  # the tracking messages
            return self.env["mail.message"].search(
                [
                    ("model", "=", "oa.manuscript"),
                    ("res_id", "=", manuscript.id),
                    ("subtype_id", "=", ref("oa_portal_columns." + subtype).id),
                ]
            )

        author.action_submit()
        self.assertTrue(last("mt_manuscript_submitted"))
        editor.action_return("请补充数据")
        returned = last("mt_manuscript_returned")
        self.assertTrue(returned)
        self.assertNotIn(follower, returned.notified_partner_ids)
        self.assertIn(self.staff_a.partner_id, returned.partner_ids)
        author.action_submit()
        editor.action_accept()
        accepted = last("mt_manuscript_accepted")
        self.assertEqual(len(accepted), 1)
        self.assertIn(follower, accepted.notified_partner_ids)
        for xmlid in ("mt_manuscript_submitted", "mt_manuscript_accepted"):
            subtype = ref("oa_portal_columns." + xmlid)
            self.assertRecordValues(
                subtype, [{"res_model": "oa.manuscript", "default": True}]
            )

    def test_article_publication_subtype(self):
        article = (
            self._article(publish=False)
            .with_user(self.admin_a1)
            .with_context(tracking_disable=False)
        )
        self.env.cr.precommit.run()  # tracked once its creation is committed
        article.action_publish()
        self.env.cr.precommit.run()  # the tracking messages
        subtype = self.env.ref("oa_portal_columns.mt_article_published")
        self.assertIn(subtype, article.sudo().message_ids.subtype_id)


class TestManuscriptMigration(OaManuscriptCommon):
    """Manuscripts waiting for their review before the kernel get their
    pending review row, pending since their last submission, and their
    editors' to-dos due on its deadline's day."""

    def _migrate(self):
        path = (
            Path(__file__).resolve().parent.parent
            / "migrations"
            / "18.0.1.1.0"
            / "post-migrate.py"
        )
        spec = importlib.util.spec_from_file_location("oa_pc_migrate", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()

    def test_submitted_manuscripts_get_their_pending_review(self):
        submitted = self._manuscript(submit=True)
        accepted = self._manuscript(accept=True)
        draft = self._manuscript()
        # as before the kernel: no row, a to-do due on the day of submission
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM oa_flow_step WHERE res_model = 'oa.manuscript'"
            " AND res_id IN %s",
            [(submitted.id, accepted.id, draft.id)],
        )
        self.env.cr.execute(
            "UPDATE oa_manuscript SET submit_date = %s WHERE id = %s",
            [FRIDAY, submitted.id],
        )
        self.env.cr.execute(
            "UPDATE mail_activity SET date_deadline = '2026-03-06'"
            " WHERE res_model = 'oa.manuscript' AND res_id = %s",
            [submitted.id],
        )
        self.env.invalidate_all()
        self._migrate()
        step = submitted.sudo().oa_step_ids
        self.assertRecordValues(
            step,
            [
                {
                    "step_type": "review",
                    "state": "pending",
                    "date_start": FRIDAY,
                    "date_deadline": FRIDAY_DEADLINE,
                }
            ],
        )
        editors = self.env["oa.manuscript"]._oa_editors()
        self.assertEqual(step.user_ids, editors)
        todos = self._todos_of(submitted)
        self.assertEqual(todos.user_id, editors)
        self.assertEqual(set(todos.mapped("date_deadline")), {date(2026, 3, 11)})
        self.assertFalse(accepted.sudo().oa_step_ids)
        self.assertFalse(draft.sudo().oa_step_ids)
        # the editor reviews it as any other
        submitted.with_user(self.editor).action_accept()
        self.assertEqual(step.state, "done")
        # run again: nothing more
        self._migrate()
        self.assertEqual(len(submitted.sudo().oa_step_ids), 1)

    def _todos_of(self, manuscript):
        return self.env["mail.activity"].search(
            [("res_model", "=", "oa.manuscript"), ("res_id", "=", manuscript.id)]
        )
