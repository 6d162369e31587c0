# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Only the flow moves a record: articles, manuscripts, periodicals and their
contents through the one guard ``oa.flow.guard``; the attachments of
articles and manuscripts through the one ownership rule
(``oa.attachment.owner``)."""

import base64
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .manuscript_common import OaManuscriptCommon

RULE_LOGGERS = (
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_attachment",
)
FORGED_DATE = "2020-01-01 00:00:00"


class OaFlowGuardCommon(OaManuscriptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # every role of tests/common.py, and the information editor
        cls.roles = (*cls.every_role, cls.editor)
        cls.other_article = cls._article(column=cls.notice_b, user=cls.admin_b)
        cls.compiled = cls._manuscript(user=cls.staff_b, accept=True)
        cls.issue = cls._issue(cls.compiled)

    @classmethod
    def _issue(cls, manuscripts, **vals):
        values = {
            "title": "测试信息",
            "issue_date": date(2026, 4, 15),
            "target_unit_ids": [Command.set(cls.unit_b.ids)],
            "line_ids": [
                Command.create({"sequence": index, "manuscript_id": m.id})
                for index, m in enumerate(manuscripts, start=1)
            ],
        }
        values.update(vals)
        issue = cls.env["oa.periodical"].with_user(cls.editor).create(values)
        return issue.with_user(cls.env.user)

    def _read(self, record, names):
        """``names`` of ``record`` as stored, read as the superuser."""
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo().read(names)[0]

    def assertFlowRefused(self, records, user, method, vals, writer=True):
        """``method`` (create or write) of ``records`` with ``vals``, called
        by ``user``, is refused; for a ``writer`` (a user who may otherwise
        write the record), by the flow guard's own error for ``vals``."""
        records = records.with_user(user)
        with self.assertRaises(UserError, msg=f"{user.login} {vals}") as caught:
            getattr(records, method)(vals)
        if writer:
            self.assertNotIsInstance(caught.exception, AccessError, user.login)
            expected = records._oa_flow_refused(
                set(vals) & records._oa_protected_fields()
            )
            self.assertEqual(caught.exception.args[0], expected.args[0], user.login)

    def _check_writes_refused(self, record, forgeries, writers):
        """Each flow field written by each role is refused, and nothing is
        written."""
        names = [name for name in forgeries if not name.endswith("_ids")]
        before = self._read(record, names)
        for name, value in forgeries.items():
            for user in self.roles:
                self.assertFlowRefused(
                    record, user, "write", {name: value}, writer=user in writers
                )
        self.assertEqual(self._read(record, names), before)

    def _check_creates_refused(self, model, base_vals, forgeries, creators):
        Model = self.env[model]
        count = Model.sudo().search_count([])
        for name, value in forgeries.items():
            for user in creators:
                self.assertFlowRefused(
                    Model, user, "create", {**base_vals, name: value}
                )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Model.sudo().search_count([]), count)


class TestDefaultsDoNotStick(OaFlowGuardCommon):
    """``default_*`` keys of the context (an RPC client sends any) and
    personal defaults never give a flow field its value."""

    def test_manuscript(self):
        for state in ("submitted", "accepted", "returned", "published"):
            context = {
                "default_state": state,
                "default_accept_date": FORGED_DATE,
                "default_first_submit_date": FORGED_DATE,
                "default_submit_date": FORGED_DATE,
                "default_review_date": FORGED_DATE,
                "default_submit_count": 3,
                "default_reviewer_id": self.editor.id,
                "default_return_reason": "伪造",
                "default_unit_id": self.unit_b.id,
                "default_author_id": self.staff_b.id,
            }
            manuscript = (
                self.env["oa.manuscript"]
                .with_user(self.staff_a)
                .with_context(**context)
                .create({"name": f"默认值{state}", "body": "<p>x</p>"})
            )
            self.assertEqual(
                self._read(manuscript, list(self.env["oa.manuscript"]._oa_flow_fields)),
                {
                    "id": manuscript.id,
                    "state": "draft",
                    "author_id": (self.staff_a.id, self.staff_a.name),
                    "unit_id": (self.unit_a.id, self.unit_a.display_name),
                    "submit_date": False,
                    "first_submit_date": False,
                    "submit_count": 0,
                    "review_date": False,
                    "accept_date": False,
                    "reviewer_id": False,
                    "return_reason": False,
                    "periodical_line_ids": [],
                    "periodical_id": False,
                },
                state,
            )
        # not counted in the monthly figures of 2020
        self.assertNotIn(
            self.unit_a.id, self.env["oa.manuscript.monthly"]._oa_counts("2020-01-01")
        )

    def test_manuscript_personal_defaults(self):
        Default = self.env["ir.default"]
        for name, value in (("state", "accepted"), ("accept_date", FORGED_DATE)):
            Default.set("oa.manuscript", name, value, user_id=self.staff_a.id)
        manuscript = (
            self.env["oa.manuscript"]
            .with_user(self.staff_a)
            .create({"name": "个人默认值", "body": "<p>x</p>"})
        )
        self.assertEqual(
            self._read(manuscript, ["state", "accept_date"]),
            {"id": manuscript.id, "state": "draft", "accept_date": False},
        )

    def test_article(self):
        for state in ("published", "archived"):
            article = (
                self.env["oa.article"]
                .with_user(self.admin_a1)
                .with_context(
                    default_state=state,
                    default_publish_date=FORGED_DATE,
                    default_author_id=self.admin_a2.id,
                )
                .create({"name": f"默认值{state}", "column_id": self.notice_a.id})
            )
            self.assertEqual(
                self._read(article, ["state", "publish_date", "author_id"]),
                {
                    "id": article.id,
                    "state": "draft",
                    "publish_date": False,
                    "author_id": (self.admin_a1.id, self.admin_a1.name),
                },
                state,
            )

    def test_periodical(self):
        issue = (
            self.env["oa.periodical"]
            .with_user(self.editor)
            .with_context(
                default_state="published",
                default_number=12,
                default_name="2020年第12期",
                default_publish_date=FORGED_DATE,
                default_published_by_id=self.editor.id,
                default_article_id=self.other_article.id,
            )
            .create({"title": "测试信息", "issue_date": date(2026, 5, 1)})
        )
        self.assertEqual(
            self._read(
                issue,
                [
                    "state",
                    "number",
                    "name",
                    "publish_date",
                    "published_by_id",
                    "article_id",
                ],
            ),
            {
                "id": issue.id,
                "state": "draft",
                "number": 0,
                "name": False,
                "publish_date": False,
                "published_by_id": False,
                "article_id": False,
            },
        )


class TestFlowFieldsRefused(OaFlowGuardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft_article = cls._article(publish=False)
        cls.draft = cls._manuscript()
        cls.submitted = cls._manuscript(submit=True)

    def _manuscript_forgeries(self):
        return {
            "state": "accepted",
            "author_id": self.staff_b.id,
            "unit_id": self.unit_b.id,
            "submit_date": FORGED_DATE,
            "first_submit_date": FORGED_DATE,
            "submit_count": 7,
            "review_date": FORGED_DATE,
            "accept_date": FORGED_DATE,
            "reviewer_id": self.editor.id,
            "return_reason": "伪造",
            "periodical_id": self.issue.id,
            "periodical_line_ids": [Command.create({"periodical_id": self.issue.id})],
        }

    def _article_forgeries(self):
        return {
            "state": "published",
            "publish_date": FORGED_DATE,
            "author_id": self.admin_a2.id,
            "unit_id": self.unit_b.id,
            "kind": "knowledge",
            "read_ids": [
                Command.create({"user_id": self.staff_b.id, "first_view": FORGED_DATE})
            ],
            "version_ids": [Command.create({"version": 99, "name": "伪造版本"})],
        }

    def _periodical_forgeries(self):
        return {
            "state": "published",
            "year": 2020,
            "number": 12,
            "name": "2020年第12期",
            "publish_date": FORGED_DATE,
            "published_by_id": self.editor.id,
            "article_id": self.other_article.id,
            "pdf_attachment_id": self._attach(self.other_article).id,
            "pdf_file": base64.b64encode(b"%PDF forged"),
        }

    def _line_forgeries(self):
        return {
            "unit_id": self.unit_a.id,
            "author_id": self.staff_a.id,
            "accept_date": FORGED_DATE,
        }

    @mute_logger(*RULE_LOGGERS)
    def test_manuscript_writes(self):
        """The author of the draft, the editor of the submitted manuscript:
        the guard's error; everyone else cannot write it anyway."""
        forgeries = self._manuscript_forgeries()
        self._check_writes_refused(self.draft, forgeries, writers=self.staff_a)
        self._check_writes_refused(self.submitted, forgeries, writers=self.editor)
        self.assertEqual(
            self._read(self.draft, ["state", "unit_id", "periodical_id"]),
            {
                "id": self.draft.id,
                "state": "draft",
                "unit_id": (self.unit_a.id, self.unit_a.display_name),
                "periodical_id": False,
            },
        )

    @mute_logger(*RULE_LOGGERS)
    def test_article_writes(self):
        writers = self.env["res.users"].browse(
            [u.id for u in self.roles if self.notice_a._oa_user_can_publish(u)]
        )
        self.assertIn(self.admin_a1, writers)
        self._check_writes_refused(
            self.draft_article, self._article_forgeries(), writers=writers
        )
        self.assertEqual(
            self._read(self.draft_article, ["unit_id", "kind", "version_ids"]),
            {
                "id": self.draft_article.id,
                "unit_id": (self.unit_a.id, self.unit_a.display_name),
                "kind": "notice",
                "version_ids": [],
            },
        )
        self.assertFalse(self.draft_article.sudo().read_ids)

    @mute_logger(*RULE_LOGGERS)
    def test_periodical_and_line_writes(self):
        self._check_writes_refused(
            self.issue, self._periodical_forgeries(), writers=self.editor
        )
        self._check_writes_refused(
            self.issue.line_ids, self._line_forgeries(), writers=self.editor
        )
        self.assertEqual(
            self._read(self.compiled, ["state", "unit_id", "author_id"]),
            {
                "id": self.compiled.id,
                "state": "accepted",
                "unit_id": (self.unit_b.id, self.unit_b.display_name),
                "author_id": (self.staff_b.id, self.staff_b.name),
            },
        )

    @mute_logger(*RULE_LOGGERS)
    def test_creates(self):
        """Create vals that set a flow field are refused: nothing is
        created."""
        self._check_creates_refused(
            "oa.manuscript",
            {"name": "伪造稿件", "body": "<p>x</p>"},
            self._manuscript_forgeries(),
            creators=(self.staff_a, self.editor, self.admin_a1),
        )
        self._check_creates_refused(
            "oa.article",
            {"name": "伪造文章", "column_id": self.notice_a.id},
            self._article_forgeries(),
            creators=(self.admin_a1,),
        )
        self._check_creates_refused(
            "oa.periodical",
            {"title": "测试信息", "issue_date": date(2026, 5, 1)},
            self._periodical_forgeries(),
            creators=(self.editor,),
        )
        waiting = self._manuscript(accept=True)
        self._check_creates_refused(
            "oa.periodical.line",
            {"periodical_id": self.issue.id, "manuscript_id": waiting.id},
            self._line_forgeries(),
            creators=(self.editor,),
        )
        # the flow fields' initial values are what the form sends: accepted
        manuscript = (
            self.env["oa.manuscript"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": "初始值",
                    "body": "<p>x</p>",
                    "state": "draft",
                    "submit_count": 0,
                    "unit_id": self.unit_a.id,
                    "author_id": self.staff_a.id,
                    "accept_date": False,
                }
            )
        )
        self.assertEqual(manuscript.state, "draft")

    def test_duplicate_is_the_copiers_draft(self):
        """A copy starts from the flow's initial values: the copier's draft,
        without the original's files (they stay the original's)."""
        article = self._article()
        self._attach(article)
        copy = article.with_user(self.admin_a2).copy()
        self.assertEqual(
            self._read(copy, ["state", "publish_date", "author_id", "attachment_ids"]),
            {
                "id": copy.id,
                "state": "draft",
                "publish_date": False,
                "author_id": (self.admin_a2.id, self.admin_a2.name),
                "attachment_ids": [],
            },
        )
        draft = self._manuscript(user=self.staff_a_sub)
        self._attach(draft)
        copy = draft.with_user(self.staff_a_sub).copy()
        self.assertEqual(
            self._read(copy, ["state", "unit_id", "author_id", "attachment_ids"]),
            {
                "id": copy.id,
                "state": "draft",
                "unit_id": (self.unit_a_sub.id, self.unit_a_sub.display_name),
                "author_id": (self.staff_a_sub.id, self.staff_a_sub.name),
                "attachment_ids": [],
            },
        )

    @mute_logger(*RULE_LOGGERS)
    def test_manuscript_without_unit_refused(self):
        self.staff_a.sudo().oa_unit_id = False
        with self.assertRaises(UserError) as caught:
            self.env["oa.manuscript"].with_user(self.staff_a).create(
                {"name": "无单位稿件"}
            )
        self.assertIn("no OA unit", caught.exception.args[0])
        self.assertFalse(
            self.env["oa.manuscript"].sudo().search([("name", "=", "无单位稿件")])
        )

    @mute_logger("odoo.models")
    def test_load_refused(self):
        """The import creates through ``create``: refused too."""
        for model, user, fields_, row in (
            (
                "oa.manuscript",
                self.staff_a,
                ["name", "body", "state", "accept_date"],
                ["导入稿件", "<p>x</p>", "accepted", FORGED_DATE],
            ),
            (
                "oa.article",
                self.admin_a1,
                ["name", "column_id/.id", "state", "publish_date"],
                ["导入文章", str(self.notice_a.id), "published", FORGED_DATE],
            ),
            (
                "oa.periodical",
                self.editor,
                ["title", "number", "name"],
                ["导入期刊", "12", "2020年第12期"],
            ),
        ):
            result = self.env[model].with_user(user).load(fields_, [row])
            self.assertFalse(result["ids"], model)
            self.assertTrue(
                [m for m in result["messages"] if m["type"] == "error"], model
            )
            self.env.flush_all()
            self.env.invalidate_all()
            field = "title" if model == "oa.periodical" else "name"
            self.assertFalse(
                self.env[model].sudo().search([(field, "=", row[0])]), model
            )


class TestAttachmentOwnership(OaFlowGuardCommon):
    """An article's (or manuscript's) publisher attaches his own uploads, not
    another record's files linked by id."""

    def _upload(self, user, name="上传.txt", model="oa.article"):
        """A file ``user`` uploads in a form (not linked to a record yet)."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "raw": b"upload", "res_model": model})
        )

    def _where(self, attachment):
        values = self._read(attachment, ["res_model", "res_id"])
        return values["res_model"], values["res_id"]

    @mute_logger(*RULE_LOGGERS)
    def test_article_takeover_refused(self):
        article = self._article(publish=False)
        theirs = self._attach(self.other_article)
        manuscript_file = self._attach(self._manuscript(user=self.staff_b))
        someone_elses_upload = self._upload(self.admin_a2)
        for attachment in (theirs, manuscript_file, someone_elses_upload):
            before = self._where(attachment)
            with self.assertRaises(AccessError):
                article.with_user(self.admin_a1).write(
                    {"attachment_ids": [Command.set(attachment.ids)]}
                )
            with self.assertRaises(AccessError):
                self.env["oa.article"].with_user(self.admin_a1).create(
                    {
                        "name": "夺取附件",
                        "column_id": self.notice_a.id,
                        "attachment_ids": [Command.set(attachment.ids)],
                    }
                )
            self.assertEqual(self._where(attachment), before)
        self.assertFalse(article.sudo().attachment_ids)
        self.assertFalse(self.env["oa.article"].search([("name", "=", "夺取附件")]))
        self.assertEqual(self.other_article.sudo().attachment_ids, theirs)

    def test_article_own_upload_is_moved_onto_it(self):
        article = self._article(publish=False)
        upload = self._upload(self.admin_a1)
        article.with_user(self.admin_a1).write(
            {"attachment_ids": [Command.set(upload.ids)]}
        )
        self.assertEqual(self._where(upload), ("oa.article", article.id))
        self.assertEqual(article.sudo().attachment_ids, upload)
        # uploaded in a form not saved yet
        upload = self._upload(self.admin_a1, "新建时上传.txt")
        created = (
            self.env["oa.article"]
            .with_user(self.admin_a1)
            .create(
                {
                    "name": "带附件的通知",
                    "column_id": self.notice_a.id,
                    "attachment_ids": [Command.set(upload.ids)],
                }
            )
        )
        self.assertEqual(self._where(upload), ("oa.article", created.id))

    @mute_logger(*RULE_LOGGERS)
    def test_manuscript_takeover_refused_on_create(self):
        theirs = self._attach(self.other_article)
        with self.assertRaises(AccessError):
            self.env["oa.manuscript"].with_user(self.staff_a).create(
                {
                    "name": "夺取附件",
                    "attachment_ids": [Command.set(theirs.ids)],
                }
            )
        self.assertEqual(self._where(theirs), ("oa.article", self.other_article.id))
        self.assertFalse(
            self.env["oa.manuscript"].sudo().search([("name", "=", "夺取附件")])
        )
        upload = self._upload(self.staff_a, model="oa.manuscript")
        manuscript = (
            self.env["oa.manuscript"]
            .with_user(self.staff_a)
            .create({"name": "带附件", "attachment_ids": [Command.set(upload.ids)]})
        )
        self.assertEqual(self._where(upload), ("oa.manuscript", manuscript.id))
