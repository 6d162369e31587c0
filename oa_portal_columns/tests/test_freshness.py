# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields

from .common import OaColumnsCommon


class TestFreshness(OaColumnsCommon):
    def test_last_update_and_stale_list(self):
        Column = self.env["oa.column"]
        # no article yet: stale
        self.assertTrue(self.news_a.is_stale)
        recent = self._article(column=self.news_a)
        old = self._article(column=self.notice_b, user=self.admin_b)
        old.publish_date = fields.Datetime.now() - timedelta(days=45)
        self.env.invalidate_all()
        self.assertFalse(self.news_a.is_stale)
        self.assertEqual(self.news_a.last_update, recent.publish_date)
        self.assertEqual(self.news_a.articles_this_month, 1)
        self.assertTrue(self.notice_b.is_stale)
        stale = Column.search([("is_stale", "=", True)])
        self.assertIn(self.notice_b, stale)
        self.assertNotIn(self.news_a, stale)
        self.assertEqual(
            Column.search([("is_stale", "=", False), ("id", "in", self.notice_b.ids)]),
            Column,
        )
        # the threshold is a setting
        self.env["ir.config_parameter"].set_param("oa_portal_columns.stale_days", 60)
        self.env.invalidate_all()
        self.assertFalse(self.notice_b.is_stale)
        self.assertNotIn(self.notice_b, Column.search([("is_stale", "=", True)]))
