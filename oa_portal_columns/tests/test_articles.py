# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import OaColumnsCommon


class TestArticleAudience(OaColumnsCommon):
    def _attach(self, article):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "附件.txt",
                "datas": base64.b64encode(b"attachment text"),
                "res_model": "oa.article",
                "res_id": 0,
            }
        )
        article.sudo().attachment_ids = attachment
        return attachment

    def assertCanRead(self, user, article, attachment=None):
        article.with_user(user).read(["name", "body"])
        self.assertIn(
            article, self.env["oa.article"].with_user(user).search([]), user.login
        )
        if attachment:
            attachment.with_user(user).read(["datas"])

    @mute_logger(
        "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_attachment"
    )
    def assertCannotRead(self, user, article, attachment=None):
        with self.assertRaises(AccessError, msg=user.login):
            article.with_user(user).read(["name"])
        self.assertNotIn(article, self.env["oa.article"].with_user(user).search([]))
        if attachment:
            with self.assertRaises(AccessError, msg=user.login):
                attachment.with_user(user).read(["datas"])

    def test_own_unit_audience(self):
        """Own unit: its users read the article and its attachment; users of
        another unit can do neither, even by id."""
        article = self._article(audience="own")
        attachment = self._attach(article)
        self.assertEqual(
            (attachment.res_model, attachment.res_id), ("oa.article", article.id)
        )
        self.assertCanRead(self.staff_a, article, attachment)
        self.assertCannotRead(self.staff_b, article, attachment)
        self.assertCannotRead(self.admin_b, article, attachment)

    def test_chosen_units_audience(self):
        article = self._article(audience="units", audience_unit_ids=self.unit_b.ids)
        attachment = self._attach(article)
        self.assertCanRead(self.staff_b, article, attachment)
        self.assertCannotRead(self.staff_a_sub, article, attachment)
        # the author's unit reads only what it addressed to itself
        self.assertCannotRead(self.staff_a, article, attachment)

    def test_group_audience(self):
        article = self._article(audience="group")
        for user in (self.staff_a, self.staff_a_sub, self.staff_b, self.finance):
            self.assertCanRead(user, article)

    def test_draft_visible_to_its_publishers_only(self):
        article = self._article(audience="group", publish=False)
        self.assertCannotRead(self.staff_a, article)
        self.assertCannotRead(self.admin_b, article)
        self.assertCanRead(self.admin_a2, article)
        self.assertCanRead(self.project_user, article)

    def test_chosen_units_needs_units(self):
        with self.assertRaises(ValidationError):
            self._article(audience="units")


class TestArticleFlow(OaColumnsCommon):
    def test_transitions(self):
        article = self._article(publish=False)
        self.assertRecordValues(article, [{"state": "draft", "publish_date": False}])
        article.with_user(self.admin_a2).action_publish()
        self.assertEqual(article.state, "published")
        self.assertTrue(article.publish_date)
        article.with_user(self.admin_a1).action_archive_article()
        self.assertEqual(article.state, "archived")
        article.with_user(self.admin_a1).action_reset_draft()
        self.assertEqual(article.state, "draft")

    def test_wrong_transitions_refused(self):
        article = self._article(publish=False)
        with self.assertRaises(UserError):
            article.with_user(self.admin_a1).action_archive_article()
        with self.assertRaises(UserError):
            article.with_user(self.admin_a1).action_reset_draft()
        article.with_user(self.admin_a1).action_publish()
        with self.assertRaises(UserError):
            article.with_user(self.admin_a1).action_publish()

    def test_state_only_through_transitions(self):
        """``state``, ``publish_date`` and ``author_id`` are refused in
        write and create, for a manager of the column too."""
        article = self._article(publish=False)
        for vals in (
            {"state": "published"},
            {"publish_date": "2026-01-01 00:00:00"},
            {"author_id": self.admin_a2.id},
        ):
            for user in (self.admin_a1, self.project_user):
                with self.assertRaises(UserError):
                    article.with_user(user).write(vals)
            with self.assertRaises(UserError):
                self.env["oa.article"].with_user(self.admin_a1).create(
                    {"name": "直接发布", "column_id": self.notice_a.id, **vals}
                )
        self.assertUnchanged(
            article,
            {"state": "draft", "publish_date": False, "author_id": self.admin_a1.id},
        )
        self.assertFalse(self.env["oa.article"].search([("name", "=", "直接发布")]))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_publishers_and_unit_admins_write(self):
        Article = self.env["oa.article"]
        for user in (self.staff_a, self.admin_b):
            with self.assertRaises(AccessError):
                Article.with_user(user).create(
                    {"name": "越权稿件", "column_id": self.notice_a.id}
                )
        draft = self._article(publish=False)
        for user in (self.staff_a, self.admin_b):
            with self.assertRaises(AccessError):
                draft.with_user(user).action_publish()
            with self.assertRaises(AccessError):
                draft.with_user(user).write({"name": "改标题"})
        # the administrator of B cannot move his article into A's column
        article_b = self._article(
            column=self.notice_b, user=self.admin_b, publish=False
        )
        with self.assertRaises(AccessError):
            article_b.with_user(self.admin_b).write({"column_id": self.notice_a.id})
        self.assertUnchanged(draft, {"state": "draft", "name": "关于测试的通知"})
        self.assertUnchanged(article_b, {"column_id": self.notice_b.id})
        self.assertFalse(Article.search([("name", "=", "越权稿件")]))
        # a named publisher may write and publish
        self.notice_a.publisher_ids = self.staff_a
        article = self._article(user=self.staff_a)
        self.assertEqual(article.state, "published")

    def test_published_article_not_deleted(self):
        article = self._article()
        with self.assertRaises(UserError):
            article.with_user(self.admin_a1).unlink()
        self.assertTrue(article.exists())
