# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import users, warmup
from odoo.tools import mute_logger

from odoo.addons.oa_portal_columns.models.oa_article_version import OaArticleVersion

from .common import OaColumnsCommon


class TestArticleVersions(OaColumnsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # staff A publishes in the notices of unit A
        cls.notice_a.publisher_ids = cls.staff_a
        cls.article = cls._article(
            name="第一版标题", body="<p>第一版正文</p>", audience="own"
        )
        cls.other = cls._article(name="第二篇", body="<p>第二篇正文</p>")

    def _versions(self, article=None):
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.env["oa.article.version"]
            .sudo()
            .search(
                [("article_id", "=", (article or self.article).id)], order="version"
            )
        )

    def test_each_change_keeps_the_previous_content(self):
        article = self.article.with_user(self.staff_a)
        article.write({"name": "第二版标题"})
        article.write({"body": "<p>第二版正文</p>"})
        # the same text again: nothing changed, no version
        article.write({"body": "<p>第二版正文</p>", "is_pinned": True})
        attachment = self.env["ir.attachment"].create(
            {
                "name": "附件.txt",
                "datas": base64.b64encode("附件正文".encode()),
                "res_model": "oa.article",
                "res_id": article.id,
            }
        )
        article.write({"attachment_ids": [Command.link(attachment.id)]})
        # a field that is not content keeps no version
        article.write({"expiry_date": "2099-01-01 00:00:00"})
        versions = self._versions()
        self.assertRecordValues(
            versions,
            [
                {
                    "version": 1,
                    "name": "第一版标题",
                    "title_changed": True,
                    "body_changed": False,
                    "attachments_changed": False,
                    "changed_by": self.staff_a.id,
                },
                {
                    "version": 2,
                    "name": "第二版标题",
                    "title_changed": False,
                    "body_changed": True,
                    "attachments_changed": False,
                    "changed_by": self.staff_a.id,
                },
                {
                    "version": 3,
                    "name": "第二版标题",
                    "title_changed": False,
                    "body_changed": False,
                    "attachments_changed": True,
                    "changed_by": self.staff_a.id,
                },
            ],
        )
        self.assertIn("第一版正文", versions[0].body)
        self.assertIn("第二版正文", versions[2].body)
        self.assertFalse(versions[2].attachment_ids)
        self.assertTrue(all(versions.mapped("changed_on")))
        article.write({"attachment_ids": [Command.clear()]})
        self.assertEqual(self._versions()[-1].attachment_ids, attachment)
        self.assertEqual(article.version_count, 4)
        self.assertEqual(
            article.with_context(lang="en_US")
            .version_ids.sorted("version")[-1:]
            .change_summary,
            "Attachments",
        )

    def test_multi_record_write_one_create(self):
        other = self._article(name="另一篇", body="<p>另一篇正文</p>")
        other.with_user(self.admin_a1).write({"name": "另一篇(改)"})
        both = (self.article | other).with_user(self.admin_a1)
        calls = []
        original = OaArticleVersion.create

        def create(records, vals_list):
            calls.append(len(vals_list))
            return original(records, vals_list)

        with patch.object(OaArticleVersion, "create", create):
            both.write({"body": "<p>统一修改</p>"})
        self.assertEqual(calls, [2])
        self.assertEqual(self._versions().mapped("version"), [1])
        self.assertEqual(self._versions(other).mapped("version"), [1, 2])
        self.assertIn("另一篇正文", self._versions(other)[-1].body)

    @users("oa_admin_a1")
    @warmup
    def test_write_query_count(self):
        """Keeping the versions of a change costs the same queries for one
        article and for two (one read of the content, one max, one insert);
        the edit check of the article's write adds one per article."""
        article = self.article.with_env(self.env)
        other = self.other.with_env(self.env)
        with self.assertQueryCount(oa_admin_a1=13):
            article.write({"body": "<p>计数正文</p>"})
        self.env.invalidate_all()
        with self.assertQueryCount(oa_admin_a1=14):
            (article | other).write({"body": "<p>统一正文</p>"})
        self.assertEqual(len(article.version_ids), 2)

    def test_versions_not_written_by_hand(self):
        self.article.with_user(self.staff_a).write({"name": "第二版标题"})
        version = self._versions()
        for user in (self.staff_a, self.staff_b, self.admin_a1, self.project_user):
            Version = self.env["oa.article.version"].with_user(user)
            with self.assertRaises(UserError, msg=user.login):
                Version.create(
                    {"article_id": self.article.id, "version": 9, "name": "伪造"}
                )
            with self.assertRaises(UserError, msg=user.login):
                version.with_user(user).write({"name": "改写历史"})
            with self.assertRaises(UserError, msg=user.login):
                version.with_user(user).unlink()
        # nor through the article
        with self.assertRaises(UserError):
            self.article.with_user(self.staff_a).write(
                {"version_ids": [Command.create({"version": 9, "name": "伪造"})]}
            )
        with self.assertRaises(UserError):
            self.article.with_user(self.admin_a1).write(
                {"version_ids": [Command.unlink(version.id)]}
            )
        versions = self._versions()
        self.assertEqual(versions, version)
        self.assertRecordValues(
            versions,
            [{"version": 1, "name": "第一版标题", "changed_by": self.staff_a.id}],
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_readable_by_who_reads_the_article(self):
        self.article.with_user(self.admin_a1).write({"name": "第二版标题"})
        version = self._versions()
        Version = self.env["oa.article.version"]
        # the article's audience (unit A) and its publishers read its versions
        for user in (self.staff_a, self.admin_a1, self.project_user):
            self.assertEqual(
                Version.with_user(user).search([("article_id", "=", self.article.id)]),
                version,
                user.login,
            )
            version.with_user(user).read(["name", "body"])
        # unit B reads neither the article nor its versions
        mine = [("article_id", "in", (self.article | self.other).ids)]
        for user in (self.staff_b, self.admin_b):
            self.assertFalse(Version.with_user(user).search(mine), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                version.with_user(user).read(["name"])
        # a draft: its publishers only
        draft = self._article(name="草稿", publish=False, audience="group")
        draft.with_user(self.staff_a).write({"name": "草稿二"})
        draft_version = self._versions(draft)
        self.assertTrue(draft_version.with_user(self.staff_a).read(["name"]))
        with self.assertRaises(AccessError):
            draft_version.with_user(self.staff_a_sub).read(["name"])
        self.assertNotIn(draft_version, Version.with_user(self.staff_b).search([]))

    def test_open_versions_and_delete_draft(self):
        draft = self._article(name="草稿", publish=False)
        draft.with_user(self.admin_a1).write({"body": "<p>改</p>"})
        action = draft.with_user(self.admin_a1).action_open_versions()
        self.assertEqual(action["domain"], [("article_id", "=", draft.id)])
        draft_id = draft.id
        self.assertTrue(self._versions(draft))
        draft.with_user(self.admin_a1).unlink()
        self.assertFalse(
            self.env["oa.article.version"]
            .sudo()
            .search([("article_id", "=", draft_id)])
        )
