# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
import subprocess
import tempfile
from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .manuscript_common import OaManuscriptCommon

RULE_LOGGERS = (
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_attachment",
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
# the demo numbers 《集团信息》: the tests use a periodical of their own
TITLE = "测试信息"


def pdf_text(pdf):
    """The text of the PDF without spaces (the masthead is letter-spaced)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", f.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    return "".join(text.split())


class OaPeriodicalCommon(OaManuscriptCommon):
    @classmethod
    def _issue(cls, manuscripts, publish=False, **vals):
        """An issue compiled by the editor with ``manuscripts`` in this
        order, sent to unit B."""
        values = {
            "title": TITLE,
            "issue_date": date(2026, 4, 15),
            "target_unit_ids": [fields.Command.set(cls.unit_b.ids)],
            "line_ids": [
                fields.Command.create({"sequence": index, "manuscript_id": m.id})
                for index, m in enumerate(manuscripts, start=1)
            ],
        }
        values.update(vals)
        issue = cls.env["oa.periodical"].with_user(cls.editor).create(values)
        if publish:
            issue.action_publish()
        return issue.with_user(cls.env.user)


class TestPeriodicalPublish(OaPeriodicalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._manuscript(name="甲单位试运行工作总结", accept=True)
        cls.second = cls._manuscript(
            user=cls.staff_b, name="乙单位培训工作动态", accept=True
        )
        # the chosen order: B's manuscript first
        cls.issue = cls._issue(cls.second | cls.first, publish=True)

    def test_published_issue(self):
        issue = self.issue
        self.assertRecordValues(
            issue,
            [
                {
                    "state": "published",
                    "number": 1,
                    "year": 2026,
                    "name": "2026年第1期",
                    "published_by_id": self.editor.id,
                }
            ],
        )
        self.assertEqual(issue.display_name, f"《{TITLE}》2026年第1期")
        self.assertEqual((self.first | self.second).mapped("state"), ["published"] * 2)
        self.assertEqual(self.first.periodical_id, issue)
        article = issue.article_id
        self.assertRecordValues(
            article,
            [
                {
                    "name": issue.display_name,
                    "state": "published",
                    "audience": "units",
                    "requires_read": True,
                    "column_id": self.notice_a.id,
                    "author_id": self.editor.id,
                }
            ],
        )
        self.assertEqual(article.audience_unit_ids, self.unit_b)
        self.assertEqual(article.attachment_ids, issue.pdf_attachment_id)
        # the publication is an event a follower may follow alone
        self.assertIn(
            self.env.ref("oa_portal_columns.mt_periodical_published"),
            issue.sudo().message_ids.subtype_id,
        )

    def test_pdf(self):
        attachment = self.issue.pdf_attachment_id
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            ("oa.article", self.issue.article_id.id),
        )
        pdf = attachment.raw
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (TITLE, "2026年第1期", "本期目录", "测试单位甲"):
            self.assertIn(expected, text)
        # the manuscripts in the chosen order, after the contents
        body = text[text.index("本期目录") :]
        self.assertLess(
            body.rindex("乙单位培训工作动态"), body.rindex("甲单位试运行工作总结")
        )
        self.assertIn("—1—", text)
        # the text layer holds ideographs (工, 目), not the radicals
        # (⼯, ⽬) Qt maps their glyphs to: search and copy read the print
        self.assertFalse(RADICALS.findall(text))

    def test_in_the_to_read_of_the_target_units_only(self):
        Workbench = self.env["oa.workbench"]
        article = self.issue.article_id
        for user in (self.staff_b, self.admin_b):
            to_read = Workbench.with_user(user).get_data()["to_read"]["items"]
            self.assertIn(article.id, [item["id"] for item in to_read], user.login)
        # (the administrators of the editing unit manage its notices column:
        # they read its articles, as any of the column's articles)
        for user in (self.staff_a, self.leader_a, self.staff_a_sub):
            to_read = Workbench.with_user(user).get_data()["to_read"]["items"]
            self.assertNotIn(article.id, [item["id"] for item in to_read], user.login)
        # read: it leaves the 待阅 of the reader
        article.with_user(self.staff_b).action_mark_read()
        to_read = Workbench.with_user(self.staff_b).get_data()["to_read"]["items"]
        self.assertNotIn(article.id, [item["id"] for item in to_read])

    @mute_logger(*RULE_LOGGERS)
    def test_open_the_notice(self):
        action = self.issue.with_user(self.editor).action_open_article()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("oa.article", self.issue.article_id.id),
        )
        # another editor, outside the units it is sent to
        colleague = new_test_user(
            self.env,
            login="oa_info_editor_2",
            groups="oa_portal_columns.group_oa_info_editor",
            oa_unit_id=self.unit_a_sub.id,
        )
        with self.assertRaises(AccessError):
            self.issue.with_user(colleague).action_open_article()
        draft = self._issue(self._manuscript(accept=True))
        with self.assertRaises(UserError):
            draft.with_user(self.editor).action_open_article()

    @mute_logger(*RULE_LOGGERS)
    def test_readers_outside_the_target_units(self):
        article = self.issue.article_id
        attachment = self.issue.pdf_attachment_id
        self.env.flush_all()
        self.env.invalidate_all()
        article.with_user(self.staff_b).read(["name"])
        attachment.with_user(self.staff_b).read(["datas"])
        for user in (self.staff_a, self.staff_a_sub, self.leader_a):
            self.env.invalidate_all()
            with self.assertRaises(AccessError, msg=user.login):
                article.with_user(user).read(["name"])
            with self.assertRaises(AccessError, msg=user.login):
                attachment.with_user(user).read(["datas"])
        # the periodical itself is the editors' (and the project group's)
        for user in (self.staff_a, self.staff_b, self.admin_a1, self.leader_a):
            with self.assertRaises(AccessError, msg=user.login):
                self.issue.with_user(user).read(["name"])
            with self.assertRaises(AccessError, msg=user.login):
                self.issue.line_ids.with_user(user).read(["manuscript_id"])
        self.issue.with_user(self.project_user).read(["name"])

    @mute_logger(*RULE_LOGGERS)
    def test_published_issue_is_frozen(self):
        issue = self.issue
        with self.assertRaises(UserError):
            issue.with_user(self.editor).action_publish()
        for vals in (
            {"title": "改名"},
            {"target_unit_ids": [fields.Command.set(self.unit_a.ids)]},
            {"line_ids": [fields.Command.clear()]},
        ):
            with self.assertRaises(UserError):
                issue.with_user(self.editor).write(vals)
        with self.assertRaises(UserError):
            issue.line_ids[:1].with_user(self.editor).write({"sequence": 99})
        with self.assertRaises(UserError):
            issue.line_ids[:1].with_user(self.editor).unlink()
        with self.assertRaises(UserError):
            issue.with_user(self.editor).unlink()
        # the published manuscripts are no one's to change
        for user in (self.editor, self.staff_a):
            with self.assertRaises(AccessError):
                self.first.with_user(user).write({"name": "改标题"})
        self.assertUnchanged(issue, {"state": "published", "title": TITLE})
        self.assertEqual(len(issue.line_ids), 2)


class TestPeriodicalPictures(OaPeriodicalCommon):
    def test_pictures_are_inlined_and_only_the_manuscripts_own(self):
        """The print fetches nothing: the manuscript's pictures are inlined;
        another record's picture (linked by id) and external ones are
        dropped."""
        manuscript = self._manuscript()
        Attachment = self.env["ir.attachment"]
        own = Attachment.with_user(self.staff_a).create(
            {
                "name": "现场.png",
                "raw": PNG,
                "res_model": "oa.manuscript",
                "res_id": manuscript.id,
            }
        )
        article = self._article(audience="own")
        foreign = Attachment.create(
            {
                "name": "别人的.png",
                "raw": PNG,
                "res_model": "oa.article",
                "res_id": article.id,
            }
        )
        manuscript.with_user(self.staff_a).write(
            {
                "body": f'<p>现场照片：</p><p><img src="/web/image/{own.id}">'
                f'<img src="/web/image/{foreign.id}">'
                '<img src="https://example.com/x.png"></p>'
            }
        )
        manuscript.with_user(self.staff_a).action_submit()
        manuscript.with_user(self.editor).action_accept()
        printed = manuscript._oa_print_body()
        self.assertIn("现场照片：", printed)
        self.assertEqual(printed.count("data:image/png;base64,"), 1)
        self.assertNotIn(f"/web/image/{foreign.id}", printed)
        self.assertNotIn("example.com", printed)
        issue = self._issue(manuscript)
        with self.assertNoLogs(
            "odoo.addons.base.models.ir_actions_report", level="WARNING"
        ):
            pdf = issue._oa_render_pdf()
        self.assertTrue(pdf.startswith(b"%PDF"))


class TestPeriodicalNumbering(OaPeriodicalCommon):
    def _published(self, issue_date, title=TITLE):
        return self._issue(
            self._manuscript(accept=True),
            publish=True,
            issue_date=issue_date,
            title=title,
        )

    def test_numbers_per_periodical_and_year_without_gaps(self):
        first = self._published(date(2026, 3, 1))
        second = self._published(date(2026, 6, 1))
        next_year = self._published(date(2027, 1, 10))
        other = self._published(date(2026, 6, 1), title="另一期刊")
        self.assertEqual(
            [(i.number, i.name) for i in (first, second, next_year, other)],
            [
                (1, "2026年第1期"),
                (2, "2026年第2期"),
                (1, "2027年第1期"),
                (1, "2026年第1期"),
            ],
        )

    def test_failed_publication_leaves_no_gap(self):
        self._published(date(2026, 3, 1))
        failing = self._issue(self._manuscript(accept=True))
        Periodical = type(self.env["oa.periodical"])
        with patch.object(
            Periodical,
            "_oa_render_pdf",
            side_effect=UserError("wkhtmltopdf failed"),
        ):
            with self.assertRaises(UserError):
                failing.with_user(self.editor).action_publish()
        self.assertUnchanged(
            failing, {"state": "draft", "number": 0, "name": False, "article_id": False}
        )
        self.assertEqual(failing.line_ids.manuscript_id.state, "accepted")
        failing.with_user(self.editor).action_publish()
        self.assertEqual(failing.number, 2)

    def test_refused_publication_takes_no_number(self):
        empty = self._issue(self.env["oa.manuscript"])
        with self.assertRaises(UserError):
            empty.with_user(self.editor).action_publish()
        nobody = self._issue(
            self._manuscript(accept=True), target_unit_ids=[fields.Command.clear()]
        )
        with self.assertRaises(UserError):
            nobody.with_user(self.editor).action_publish()
        self.assertEqual(self._published(date(2026, 5, 1)).number, 1)


class TestPeriodicalRefusals(OaPeriodicalCommon):
    def test_only_accepted_manuscripts_are_compiled(self):
        submitted = self._manuscript(submit=True)
        returned = self._manuscript(submit=True)
        returned.with_user(self.editor).action_return("不采用")
        for manuscript in (submitted, returned):
            with self.assertRaises(ValidationError):
                self._issue(manuscript)
        # added later to a draft issue: refused too
        issue = self._issue(self._manuscript(accept=True))
        with self.assertRaises(ValidationError):
            issue.with_user(self.editor).write(
                {"line_ids": [fields.Command.create({"manuscript_id": submitted.id})]}
            )

    def test_a_manuscript_is_in_one_issue(self):
        accepted = self._manuscript(accept=True)
        self._issue(accepted, publish=True)
        self.assertEqual(accepted.state, "published")
        with self.assertRaises(ValidationError):
            self._issue(accepted)
        waiting = self._manuscript(accept=True)
        self._issue(waiting)
        with self.assertRaises(ValidationError):
            self._issue(waiting)

    def test_manuscript_withdrawn_from_draft_issue_is_free_again(self):
        accepted = self._manuscript(accept=True)
        issue = self._issue(accepted)
        self.assertEqual(accepted.periodical_id, issue)
        issue.with_user(self.editor).write({"line_ids": [fields.Command.clear()]})
        self.assertFalse(accepted.periodical_id)
        other = self._issue(accepted)
        self.assertEqual(accepted.periodical_id, other)

    def test_add_accepted(self):
        older = self._manuscript(accept=True)
        newer = self._manuscript(user=self.staff_b, accept=True)
        self._manuscript(submit=True)  # not accepted: left out
        issue = self._issue(self.env["oa.manuscript"])
        issue.with_user(self.editor).action_add_accepted()
        compiled = issue.line_ids.manuscript_id
        self.assertIn(older, compiled)
        self.assertIn(newer, compiled)
        self.assertEqual(set(compiled.mapped("state")), {"accepted"})
        with self.assertRaises(UserError):
            issue.with_user(self.editor).action_add_accepted()

    @mute_logger(*RULE_LOGGERS)
    def test_only_editors_compile_and_publish(self):
        accepted = self._manuscript(accept=True)
        Periodical = self.env["oa.periodical"]
        for user in (self.staff_a, self.admin_a1, self.leader_a, self.project_user):
            with self.assertRaises(AccessError, msg=user.login):
                Periodical.with_user(user).create(
                    {"title": TITLE, "target_unit_ids": self.unit_b.ids}
                )
        issue = self._issue(accepted)
        for user in (self.staff_a, self.admin_a1, self.project_user):
            with self.assertRaises(AccessError, msg=user.login):
                issue.with_user(user).action_publish()
            with self.assertRaises(AccessError, msg=user.login):
                issue.with_user(user).write({"title": "改名"})
            with self.assertRaises(AccessError, msg=user.login):
                self.env["oa.periodical.line"].with_user(user).create(
                    {"periodical_id": issue.id, "manuscript_id": accepted.id}
                )
            with self.assertRaises(AccessError, msg=user.login):
                issue.with_user(user).unlink()
            with self.assertRaises(AccessError, msg=user.login):
                issue.line_ids.with_user(user).write({"sequence": 5})
            with self.assertRaises(AccessError, msg=user.login):
                issue.line_ids.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.env["oa.periodical.number.counter"].with_user(self.editor).search([])
        self.assertUnchanged(issue, {"state": "draft", "title": TITLE})

    @mute_logger(*RULE_LOGGERS)
    def test_protected_fields_refused(self):
        issue = self._issue(self._manuscript(accept=True))
        article = self._article(audience="group")
        forgeries = {
            "state": "published",
            "number": 12,
            "name": "2026年第12期",
            "publish_date": "2026-04-15 08:00:00",
            "published_by_id": self.editor.id,
            "article_id": article.id,
            "pdf_attachment_id": self._attach(article).id,
        }
        for name, value in forgeries.items():
            for user in (
                self.editor,
                self.project_user,
                self.admin_a1,
                self.staff_a,
                self.staff_b,
            ):
                with self.assertRaises(UserError, msg=f"{user.login} {name}"):
                    issue.with_user(user).write({name: value})
            with self.assertRaises(UserError, msg=name):
                self.env["oa.periodical"].with_user(self.editor).create(
                    {"title": TITLE, name: value}
                )
        self.assertUnchanged(
            issue,
            {"state": "draft", "number": 0, "name": False, "article_id": False},
        )
