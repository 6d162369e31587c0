# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every name and title of the columns is required and not blank."""

from odoo.exceptions import ValidationError

from .manuscript_common import OaManuscriptCommon

BLANKS = ("", "   ", " \t\n")


class TestRequiredNames(OaManuscriptCommon):
    def assertBlankRefused(self, create, record, field):
        """``create(value)`` and writing ``field`` of ``record`` refuse each
        blank value with a message naming the field."""
        label = record._fields[field]._description_string(self.env)
        before = record.sudo()[field]
        for blank in BLANKS:
            with self.subTest(model=record._name, value=blank):
                with self.assertRaises(ValidationError) as error:
                    create(blank)
                self.assertIn(label, str(error.exception))
                self.assertIn("blank", str(error.exception))
                with self.assertRaises(ValidationError):
                    record.write({field: blank})
        self.env.invalidate_all()
        self.assertEqual(record.sudo()[field], before)

    def test_article_title(self):
        article = self._article(publish=False).with_user(self.admin_a1)
        self.assertBlankRefused(
            lambda name: self._article(publish=False, name=name), article, "name"
        )

    def test_manuscript_title(self):
        manuscript = self._manuscript().with_user(self.staff_a)
        self.assertBlankRefused(
            lambda name: self._manuscript(name=name), manuscript, "name"
        )

    def test_periodical_title(self):
        Periodical = self.env["oa.periodical"].with_user(self.editor)
        issue = Periodical.create({"title": "集团信息"})
        self.assertBlankRefused(
            lambda title: Periodical.create({"title": title}), issue, "title"
        )

    def test_column_name(self):
        Column = self.env["oa.column"].with_user(self.admin_a1)

        def create(name):
            return Column.create(
                {
                    "name": name,
                    "kind": "knowledge",
                    "unit_id": self.unit_a.id,
                    "parent_id": self.knowledge_a.id,
                }
            )

        self.assertBlankRefused(create, create("制度汇编"), "name")

    def test_tag_name(self):
        Tag = self.env["oa.article.tag"]
        self.assertBlankRefused(
            lambda name: Tag.create({"name": name}),
            Tag.create({"name": "制度"}),
            "name",
        )
