# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import OaColumnsCommon


class TestColumns(OaColumnsCommon):
    def test_unit_gets_its_three_columns(self):
        """A new OA unit gets 新闻中心, 通知公告 and 知识中心; a plain
        department none until it becomes an OA unit."""
        Unit = self.env["hr.department"]
        unit = Unit.create({"name": "新单位", "is_oa_unit": True})
        self.assertEqual(
            sorted(unit.oa_column_ids.mapped("kind")), ["knowledge", "news", "notice"]
        )
        dept = Unit.create({"name": "普通部门"})
        self.assertFalse(dept.oa_column_ids)
        dept.is_oa_unit = True
        self.assertEqual(len(dept.oa_column_ids), 3)
        # and the existing units got theirs at installation
        self.assertTrue(self.notice_a and self.notice_b and self.knowledge_a)

    def test_one_root_column_per_kind(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.cr.savepoint():
                self.env["oa.column"].create(
                    {
                        "name": "另一个通知公告",
                        "kind": "notice",
                        "unit_id": self.unit_a.id,
                    }
                )

    def test_unit_admin_manages_own_columns(self):
        Column = self.env["oa.column"]
        category = Column.with_user(self.admin_a1).create(
            {
                "name": "规章制度",
                "kind": "knowledge",
                "unit_id": self.unit_a.id,
                "parent_id": self.knowledge_a.id,
            }
        )
        self.assertEqual(category.complete_name, f"{self.knowledge_a.name} / 规章制度")
        category.with_user(self.admin_a2).write(
            {"publisher_ids": [(6, 0, self.staff_a.ids)]}
        )
        # sub-units are administered by the parent unit's administrators
        sub_column = Column.search(
            [("unit_id", "=", self.unit_a_sub.id), ("kind", "=", "news")]
        )
        sub_column.with_user(self.admin_a1).name = "厂新闻"
        self.assertEqual(sub_column.name, "厂新闻")

    @mute_logger("odoo.models.unlink")
    def test_other_unit_admin_refused(self):
        """The administrator of unit B cannot create, edit or delete the
        columns of unit A; neither can its plain users."""
        Column = self.env["oa.column"]
        name = self.notice_a.name
        for user in (self.admin_b, self.staff_a):
            with self.assertRaises(AccessError):
                self.notice_a.with_user(user).write({"name": "改名"})
            with self.assertRaises(AccessError):
                self.notice_a.with_user(user).write({"publisher_ids": [(4, user.id)]})
            with self.assertRaises(AccessError):
                Column.with_user(user).create(
                    {
                        "name": "规章制度",
                        "kind": "knowledge",
                        "unit_id": self.unit_a.id,
                        "parent_id": self.knowledge_a.id,
                    }
                )
            with self.assertRaises(AccessError):
                self.knowledge_a.with_user(user).unlink()
        # moving his own column into unit A is refused too
        with self.assertRaises(AccessError):
            self.notice_b.with_user(self.admin_b).write({"unit_id": self.unit_a.id})
        self.assertUnchanged(
            self.notice_a, {"name": name, "publisher_ids": [], "active": True}
        )
        self.assertUnchanged(self.notice_b, {"unit_id": self.unit_b.id})
        self.assertFalse(Column.search([("name", "=", "规章制度")]))

    def test_project_group_manages_all(self):
        self.notice_b.with_user(self.project_user).name = "公告栏"
        self.assertEqual(self.notice_b.name, "公告栏")

    def test_can_publish_search(self):
        """The column picker of the article form offers the columns one may
        publish in."""
        Column = self.env["oa.column"]
        mine = Column.with_user(self.admin_b).search([("can_publish", "=", True)])
        self.assertIn(self.notice_b, mine)
        self.assertNotIn(self.notice_a, mine)
        self.notice_a.publisher_ids = self.staff_b
        theirs = Column.with_user(self.staff_b).search([("can_publish", "=", True)])
        self.assertEqual(theirs, self.notice_a)
