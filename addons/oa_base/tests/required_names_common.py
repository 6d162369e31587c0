# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The assertion the addons' required-name tests share (not a test case)."""

from odoo.exceptions import ValidationError

BLANKS = ("", "   ", " \t\n")


class RequiredNamesMixin:
    def assertBlankRefused(self, create, record, field):
        """``create(value)`` and writing ``field`` of ``record`` refuse each
        blank value with a message naming the field; nothing is written."""
        label = record._fields[field]._description_string(record.env)
        before = record.sudo()[field]
        for blank in BLANKS:
            with self.subTest(model=record._name, value=blank):
                with self.assertRaises(ValidationError) as error:
                    with self.env.cr.savepoint():
                        create(blank)
                self.assertIn(label, str(error.exception))
                self.assertIn("blank", str(error.exception))
                with self.assertRaises(ValidationError):
                    with self.env.cr.savepoint():
                        record.write({field: blank})
                        record.env.flush_all()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(record.sudo()[field], before)
