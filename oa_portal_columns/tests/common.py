# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.oa_base.tests.common import OaBaseCommon


class OaColumnsCommon(OaBaseCommon):
    """The fixtures of oa_base plus the columns of its units and helpers to
    write and publish articles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Column = cls.env["oa.column"]

        def column(unit, kind):
            return Column.search(
                [
                    ("unit_id", "=", unit.id),
                    ("kind", "=", kind),
                    ("parent_id", "=", False),
                ]
            )

        cls.news_a = column(cls.unit_a, "news")
        cls.notice_a = column(cls.unit_a, "notice")
        cls.knowledge_a = column(cls.unit_a, "knowledge")
        cls.notice_b = column(cls.unit_b, "notice")

    @classmethod
    def _article(cls, column=None, publish=True, user=None, **vals):
        """An article written (and published) by ``user`` (an administrator
        of unit A by default)."""
        user = user or cls.admin_a1
        values = {
            "name": "关于测试的通知",
            "body": "<p>正文</p>",
            "column_id": (column or cls.notice_a).id,
        }
        values.update(vals)
        article = cls.env["oa.article"].with_user(user).create(values)
        if publish:
            article.action_publish()
        return article.with_user(cls.env.user)

    def assertUnchanged(self, record, values):
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(record.sudo(), [values])
