# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The name of an OA unit is required and not blank."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OaBaseCommon
from .required_names_common import RequiredNamesMixin


@tagged("post_install", "-at_install")
class TestRequiredNames(RequiredNamesMixin, OaBaseCommon):
    def test_unit_name(self):
        Unit = self.env["hr.department"]
        self.assertBlankRefused(
            lambda name: Unit.create({"name": name, "is_oa_unit": True}),
            self.unit_b,
            "name",
        )

    def test_department_made_a_unit_needs_a_name(self):
        # other departments keep Odoo's rule; one becoming a unit needs a name
        department = self.env["hr.department"].create({"name": "  "})
        with self.assertRaises(ValidationError) as error:
            with self.env.cr.savepoint():
                department.write({"is_oa_unit": True})
        self.assertIn("blank", str(error.exception))
        self.env.invalidate_all()
        self.assertFalse(department.is_oa_unit)

    def test_named_unit_accepted(self):
        unit = self.env["hr.department"].create(
            {"name": "  测试单位丙  ", "is_oa_unit": True}
        )
        self.assertTrue(unit.name.strip())
