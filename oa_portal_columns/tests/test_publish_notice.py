# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import OaColumnsCommon


class TestPublishNotice(OaColumnsCommon):
    """Publishing answers the publisher: what is published, in which column
    of which unit, and the form reloads its record to show its new state."""

    def test_publish_says_where(self):
        article = self._article(publish=False, name="关于春节值班安排的通知")
        action = article.with_user(self.admin_a2).action_publish()
        self.assertEqual(article.state, "published")
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["type"], "success")
        self.assertEqual(params["title"], "Article Published")
        self.assertEqual(
            params["message"],
            f"“关于春节值班安排的通知” is published in the column "
            f"“{self.notice_a.complete_name}” of {self.unit_a.display_name}.",
        )
        # closing reloads the form's record (the tour publishes a new one)
        self.assertEqual(params["next"], {"type": "ir.actions.act_window_close"})

    def test_publish_in_a_sub_column(self):
        """The column is named with its parents, the unit is the column's."""
        sub = self.env["oa.column"].create(
            {
                "name": "规章制度",
                "kind": "knowledge",
                "unit_id": self.unit_a.id,
                "parent_id": self.knowledge_a.id,
            }
        )
        article = self._article(column=sub, publish=False, name="印章管理办法")
        message = article.with_user(self.admin_a1).action_publish()["params"]["message"]
        self.assertIn(f"“{self.knowledge_a.name} / 规章制度”", message)
        self.assertIn(self.unit_a.display_name, message)

    def test_publish_several(self):
        articles = self._article(publish=False, name="一") | self._article(
            publish=False, name="二"
        )
        action = articles.with_user(self.admin_a1).action_publish()
        self.assertEqual(action["params"]["message"], "2 articles are published.")
        self.assertEqual(set(articles.mapped("state")), {"published"})
