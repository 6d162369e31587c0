# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .manuscript_common import OaManuscriptCommon

RULE_LOGGERS = (
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_attachment",
)


class TestManuscriptFlow(OaManuscriptCommon):
    def test_submit_accept(self):
        manuscript = self._manuscript()
        self.assertRecordValues(
            manuscript,
            [
                {
                    "state": "draft",
                    "unit_id": self.unit_a.id,
                    "author_id": self.staff_a.id,
                    "submit_count": 0,
                    "submit_date": False,
                }
            ],
        )
        manuscript.with_user(self.staff_a).action_submit()
        self.assertEqual(manuscript.state, "submitted")
        self.assertEqual(manuscript.submit_count, 1)
        self.assertTrue(manuscript.first_submit_date)
        manuscript.with_user(self.editor).action_accept()
        self.assertRecordValues(
            manuscript,
            [{"state": "accepted", "reviewer_id": self.editor.id}],
        )
        self.assertTrue(manuscript.accept_date)
        self.assertEqual(manuscript.review_date, manuscript.accept_date)

    def test_return_and_resubmit(self):
        manuscript = self._manuscript(submit=True)
        first = manuscript.first_submit_date
        wizard_action = manuscript.with_user(self.editor).action_open_return_wizard()
        wizard = (
            self.env[wizard_action["res_model"]]
            .with_user(self.editor)
            .with_context(**wizard_action["context"])
            .create({"reason": "请补充具体数据"})
        )
        wizard.action_return()
        self.assertRecordValues(
            manuscript,
            [
                {
                    "state": "returned",
                    "return_reason": "请补充具体数据",
                    "reviewer_id": self.editor.id,
                    "accept_date": False,
                }
            ],
        )
        # the author corrects it and submits it again
        manuscript.with_user(self.staff_a).write({"body": "<p>补充后的正文</p>"})
        manuscript.with_user(self.staff_a).action_submit()
        self.assertRecordValues(
            manuscript,
            [
                {
                    "state": "submitted",
                    "submit_count": 2,
                    "first_submit_date": first,
                    "return_reason": False,
                }
            ],
        )
        manuscript.with_user(self.editor).action_accept()
        self.assertEqual(manuscript.state, "accepted")

    def test_todos_follow_the_flow(self):
        """Submitted: a 待办 for the editors; returned: one for the author;
        each closes when its step is done (the actor's goes to his 已办)."""
        Workbench = self.env["oa.workbench"]

        def todo_ids(user):
            items = Workbench.with_user(user).get_data(limit=50)["todo"]["items"]
            return [i["res_id"] for i in items if i["res_model"] == "oa.manuscript"]

        def done_ids(user):
            items = Workbench.with_user(user).get_data(limit=50)["done"]
            return [i["res_id"] for i in items if i["res_model"] == "oa.manuscript"]

        manuscript = self._manuscript(submit=True)
        self.assertIn(manuscript.id, todo_ids(self.editor))
        self.assertNotIn(manuscript.id, todo_ids(self.staff_a))
        manuscript.with_user(self.editor).action_return("请补充数据")
        self.assertNotIn(manuscript.id, todo_ids(self.editor))
        self.assertIn(manuscript.id, done_ids(self.editor))
        self.assertIn(manuscript.id, todo_ids(self.staff_a))
        manuscript.with_user(self.staff_a).action_submit()
        self.assertNotIn(manuscript.id, todo_ids(self.staff_a))
        self.assertIn(manuscript.id, todo_ids(self.editor))
        manuscript.with_user(self.editor).action_accept()
        self.assertNotIn(manuscript.id, todo_ids(self.editor))
        self.assertFalse(manuscript.sudo().activity_ids)

    def test_return_needs_a_reason(self):
        manuscript = self._manuscript(submit=True)
        for reason in ("", "   ", None, 42, ["x"]):
            with self.assertRaises(UserError):
                manuscript.with_user(self.editor).action_return(reason)
        self.assertUnchanged(manuscript, {"state": "submitted", "return_reason": False})

    def test_wrong_transitions_refused(self):
        manuscript = self._manuscript()
        with self.assertRaises(UserError):
            manuscript.sudo().action_accept()
        manuscript.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            manuscript.with_user(self.staff_a).action_submit()
        manuscript.with_user(self.editor).action_accept()
        for action in ("action_accept", "action_submit"):
            with self.assertRaises(UserError):
                getattr(manuscript.with_user(self.editor), action)()
        with self.assertRaises(UserError):
            manuscript.with_user(self.editor).action_return("迟到的退回")
        self.assertUnchanged(manuscript, {"state": "accepted", "return_reason": False})

    def test_submit_needs_text(self):
        manuscript = self._manuscript(body="<p> </p>")
        with self.assertRaises(UserError):
            manuscript.with_user(self.staff_a).action_submit()
        self.assertUnchanged(manuscript, {"state": "draft"})

    def test_user_without_unit_cannot_write(self):
        self.staff_a.sudo().oa_unit_id = False
        with self.assertRaises(UserError):
            self._manuscript()

    @mute_logger(*RULE_LOGGERS)
    def test_only_editors_review(self):
        manuscript = self._manuscript(submit=True)
        # the unit administrator reads it but does not review it
        for user in (self.admin_a1, self.staff_a, self.leader_a):
            for action in ("action_accept", "action_open_return_wizard"):
                with self.assertRaises(AccessError, msg=user.login):
                    getattr(manuscript.with_user(user), action)()
            with self.assertRaises(AccessError, msg=user.login):
                manuscript.with_user(user).action_return("越权退回")
        # the outsider does not even see it
        with self.assertRaises(AccessError):
            manuscript.with_user(self.staff_b).action_accept()
        self.assertUnchanged(manuscript, {"state": "submitted", "reviewer_id": False})

    @mute_logger(*RULE_LOGGERS)
    def test_only_the_author_submits(self):
        manuscript = self._manuscript()
        for user in (self.admin_a1, self.staff_b, self.editor, self.staff_a_sub):
            with self.assertRaises(AccessError, msg=user.login):
                manuscript.with_user(user).action_submit()
        # a returned manuscript too (the editor may write it, not submit it)
        manuscript.with_user(self.staff_a).action_submit()
        manuscript.with_user(self.editor).action_return("请修改")
        with self.assertRaises(AccessError):
            manuscript.with_user(self.editor).action_submit()
        self.assertUnchanged(manuscript, {"state": "returned", "submit_count": 1})


class TestManuscriptIntegrity(OaManuscriptCommon):
    def _forgeries(self):
        other = self._manuscript(user=self.staff_b, accept=True)
        return {
            "state": "accepted",
            "author_id": self.staff_b.id,
            "unit_id": self.unit_b.id,
            "submit_date": "2026-01-01 08:00:00",
            "first_submit_date": "2026-01-01 08:00:00",
            "submit_count": 7,
            "review_date": "2026-01-02 08:00:00",
            "accept_date": "2026-01-02 08:00:00",
            "reviewer_id": self.editor.id,
            "return_reason": "伪造",
            "periodical_id": other.id,
            "periodical_line_ids": [
                fields.Command.create({"manuscript_id": other.id, "periodical_id": 1})
            ],
        }

    @mute_logger(*RULE_LOGGERS)
    def test_protected_fields_refused_in_write(self):
        """Every flow field is refused for every role — the author, his unit
        administrator, the editor, an outsider and the project group — on a
        draft and on a submitted manuscript."""
        draft = self._manuscript()
        submitted = self._manuscript(submit=True)
        forgeries = self._forgeries()
        users = (
            self.staff_a,
            self.admin_a1,
            self.editor,
            self.staff_b,
            self.project_user,
        )
        for manuscript in (draft, submitted):
            for name, value in forgeries.items():
                for user in users:
                    with self.assertRaises(UserError, msg=f"{user.login} {name}"):
                        manuscript.with_user(user).write({name: value})
        self.assertUnchanged(
            draft,
            {
                "state": "draft",
                "author_id": self.staff_a.id,
                "unit_id": self.unit_a.id,
                "submit_count": 0,
                "submit_date": False,
                "reviewer_id": False,
                "accept_date": False,
                "periodical_id": False,
            },
        )
        self.assertUnchanged(
            submitted,
            {"state": "submitted", "submit_count": 1, "reviewer_id": False},
        )

    def test_protected_fields_refused_in_create(self):
        forgeries = self._forgeries()
        for name, value in forgeries.items():
            for user in (self.staff_a, self.editor, self.admin_a1):
                with self.assertRaises(UserError, msg=f"{user.login} {name}"):
                    self.env["oa.manuscript"].with_user(user).create(
                        {"name": "伪造稿件", "body": "<p>x</p>", name: value}
                    )
        self.assertFalse(
            self.env["oa.manuscript"].sudo().search([("name", "=", "伪造稿件")])
        )

    @mute_logger(*RULE_LOGGERS)
    def test_who_writes_the_text(self):
        manuscript = self._manuscript()
        # the author writes his draft; nobody else does
        manuscript.with_user(self.staff_a).write({"name": "改过的标题"})
        for user in (self.admin_a1, self.editor, self.staff_b):
            with self.assertRaises(AccessError, msg=user.login):
                manuscript.with_user(user).write({"name": "别人改的"})
        manuscript.with_user(self.staff_a).action_submit()
        # submitted: the editor polishes it, the author waits
        manuscript.with_user(self.editor).write({"name": "编辑改的标题"})
        for user in (self.staff_a, self.admin_a1, self.staff_b):
            with self.assertRaises(AccessError, msg=user.login):
                manuscript.with_user(user).write({"body": "<p>改正文</p>"})
        self.assertUnchanged(manuscript, {"name": "编辑改的标题"})

    @mute_logger(*RULE_LOGGERS)
    def test_delete_only_unsubmitted_drafts_of_ones_own(self):
        draft = self._manuscript()
        for user in (self.admin_a1, self.editor, self.staff_b):
            with self.assertRaises(AccessError, msg=user.login):
                draft.with_user(user).unlink()
        submitted = self._manuscript(submit=True)
        returned = self._manuscript(submit=True)
        returned.with_user(self.editor).action_return("不采用")
        for manuscript in (submitted, returned):
            for user in (self.staff_a, self.editor):
                with self.assertRaises(UserError, msg=user.login):
                    manuscript.with_user(user).unlink()
        self.assertTrue((submitted | returned).exists())
        draft.with_user(self.staff_a).unlink()
        self.assertFalse(draft.exists())


class TestManuscriptAccess(OaManuscriptCommon):
    def assertCanRead(self, user, manuscript, attachment=None):
        self.env.flush_all()
        self.env.invalidate_all()
        manuscript.with_user(user).read(["name", "body"])
        self.assertIn(
            manuscript,
            self.env["oa.manuscript"].with_user(user).search([]),
            user.login,
        )
        if attachment:
            attachment.with_user(user).read(["datas"])

    @mute_logger(*RULE_LOGGERS)
    def assertCannotRead(self, user, manuscript, attachment=None):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertRaises(AccessError, msg=user.login):
            manuscript.with_user(user).read(["name"])
        self.assertNotIn(
            manuscript, self.env["oa.manuscript"].with_user(user).search([])
        )
        if attachment:
            with self.assertRaises(AccessError, msg=user.login):
                attachment.with_user(user).read(["datas"])

    def test_draft_is_the_authors_and_his_administrators(self):
        manuscript = self._manuscript()
        attachment = self._attach(manuscript)
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            ("oa.manuscript", manuscript.id),
        )
        self.assertCanRead(self.staff_a, manuscript, attachment)
        self.assertCanRead(self.admin_a1, manuscript, attachment)
        # the editors see what is submitted, not the drafts
        for user in (self.editor, self.staff_b, self.admin_b, self.staff_a_sub):
            self.assertCannotRead(user, manuscript, attachment)

    def test_submitted_is_read_by_the_editors_not_by_other_units(self):
        manuscript = self._manuscript(submit=True)
        attachment = self._attach(manuscript)
        for user in (self.staff_a, self.admin_a2, self.editor, self.project_user):
            self.assertCanRead(user, manuscript, attachment)
        for user in (self.staff_b, self.admin_b, self.staff_a_sub, self.leader_a):
            self.assertCannotRead(user, manuscript, attachment)

    def test_unit_administrators_read_their_sub_units(self):
        manuscript = self._manuscript(user=self.staff_a_sub, submit=True)
        self.assertEqual(manuscript.unit_id, self.unit_a_sub)
        self.assertCanRead(self.admin_a1, manuscript)
        self.assertCannotRead(self.admin_b, manuscript)
        mine = (
            self.env["oa.manuscript"]
            .with_user(self.admin_a1)
            .search([("in_my_units", "=", True)])
        )
        self.assertIn(manuscript, mine)
        self.assertFalse(
            self.env["oa.manuscript"]
            .with_user(self.admin_b)
            .search([("in_my_units", "=", True), ("id", "=", manuscript.id)])
        )

    @mute_logger(*RULE_LOGGERS)
    def test_another_records_attachment_cannot_be_taken(self):
        theirs = self._manuscript(user=self.staff_b)
        attachment = self._attach(theirs)
        mine = self._manuscript()
        with self.assertRaises(AccessError):
            mine.with_user(self.staff_a).write(
                {"attachment_ids": [fields.Command.link(attachment.id)]}
            )
        self.assertUnchanged(attachment, {"res_id": theirs.id})
        # a file he uploads himself is his manuscript's
        upload = (
            self.env["ir.attachment"]
            .with_user(self.staff_a)
            .create({"name": "材料.txt", "raw": b"x", "res_model": "oa.manuscript"})
        )
        mine.with_user(self.staff_a).write(
            {"attachment_ids": [fields.Command.link(upload.id)]}
        )
        self.assertUnchanged(upload, {"res_model": "oa.manuscript", "res_id": mine.id})


class TestManuscriptMonthly(OaManuscriptCommon):
    def _dated(self, manuscript, submitted, accepted=None):
        manuscript.sudo().write(
            {"first_submit_date": submitted, "accept_date": accepted or False}
        )

    def test_counts_per_unit_and_month(self):
        """Submitted counts once (first submission, Beijing month), accepted
        in the month of acceptance, per unit."""
        a1 = self._manuscript(accept=True)
        a2 = self._manuscript(submit=True)
        a3 = self._manuscript(user=self.staff_a, submit=True)
        a3.with_user(self.editor).action_return("请修改")
        a3.with_user(self.staff_a).action_submit()  # resubmitted: counted once
        b1 = self._manuscript(user=self.staff_b, accept=True)
        self._manuscript(user=self.staff_b)  # a draft does not count
        # 23:30 UTC on 31 March is 07:30 on 1 April in Beijing
        self._dated(a1, datetime(2025, 3, 31, 23, 30), datetime(2025, 4, 2, 2, 0))
        self._dated(a2, datetime(2025, 4, 10, 1, 0))
        self._dated(a3, datetime(2025, 4, 11, 1, 0))
        self._dated(b1, datetime(2025, 3, 30, 1, 0), datetime(2025, 4, 30, 17, 0))
        Monthly = self.env["oa.manuscript.monthly"]
        self.assertEqual(
            Monthly._oa_counts(date(2025, 4, 20)),
            {self.unit_a.id: (3, 1)},
        )
        self.assertEqual(Monthly._oa_counts("2025-03-01"), {self.unit_b.id: (1, 0)})
        # accepted at 01:00 on 1 May in Beijing
        self.assertEqual(
            Monthly._oa_counts(datetime(2025, 5, 1)), {self.unit_b.id: (0, 1)}
        )
        self.assertEqual(Monthly._oa_counts(date(2025, 6, 1)), {})
        for wrong in ("demain", None, 12, "2025-13-01"):
            with self.assertRaises(ValidationError, msg=repr(wrong)):
                Monthly._oa_counts(wrong)

    @mute_logger(*RULE_LOGGERS)
    def test_who_reads_the_figures(self):
        self._manuscript(accept=True)
        self._manuscript(user=self.staff_b, accept=True)
        Monthly = self.env["oa.manuscript.monthly"]
        self.env.flush_all()
        units = {
            user: set(Monthly.with_user(user).search([]).unit_id.ids)
            for user in (self.editor, self.admin_a1, self.admin_b)
        }
        self.assertLessEqual({self.unit_a.id, self.unit_b.id}, units[self.editor])
        self.assertIn(self.unit_a.id, units[self.admin_a1])
        self.assertNotIn(self.unit_b.id, units[self.admin_a1])
        self.assertEqual(units[self.admin_b], {self.unit_b.id})
        for user in (self.staff_a, self.staff_b):
            with self.assertRaises(AccessError, msg=user.login):
                Monthly.with_user(user).search([])
        # a figure, not a record anyone edits
        row = Monthly.with_user(self.editor).search([], limit=1)
        with self.assertRaises(AccessError):
            row.write({"submitted_count": 99})
        with self.assertRaises(AccessError):
            row.unlink()
        with self.assertRaises(AccessError):
            Monthly.with_user(self.editor).create({"submitted_count": 1})
