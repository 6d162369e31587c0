# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

PILOT_UNITS = {
    "公司办公室",
    "党群工作部",
    "人力资源部",
    "科技发展部",
    "信息技术中心",
    "股份总经办",
    "农装事业部",
}


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo group of the notice: seven pilot units and their people."""

    def test_pilot_units(self):
        pilots = self.env["hr.department"].search([("oa_is_pilot", "=", True)])
        self.assertEqual(set(pilots.mapped("name")), PILOT_UNITS)
        for unit in pilots:
            with self.subTest(unit=unit.name):
                self.assertTrue(unit.oa_setup_complete, unit.oa_setup_issues)
                self.assertEqual(len(unit.oa_admin_ids), 2)

    def test_group_tree_has_subsidiary_and_factory(self):
        types = set(
            self.env["hr.department"]
            .search([("is_oa_unit", "=", True)])
            .mapped("oa_unit_type")
        )
        self.assertTrue({"subsidiary", "factory", "division"} <= types)

    def test_demo_users(self):
        users = self.env["res.users"].search(
            [("oa_unit_id", "!=", False), ("login", "not like", "oa\\_%")]
        )
        self.assertGreaterEqual(len(users), 35)

    def test_one_incomplete_unit_in_demo(self):
        factory = self.env.ref("oa_base.oa_unit_factory_demo")
        self.assertFalse(factory.oa_setup_complete)
        # it says so: the demo does not teach one administrator per unit
        self.assertIn("有意只设一名系统管理员", factory.note)

    def test_demo_people_speak_chinese(self):
        demo_users = (
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "oa_base"),
                    ("model", "=", "res.users"),
                    ("name", "=like", "user\\_%\\_demo"),
                ]
            )
            .mapped("res_id")
        )
        users = self.env["res.users"].browse(demo_users)
        self.assertEqual(len(users), 44)
        self.assertEqual(set(users.mapped("lang")), {"zh_CN"})

    def test_no_placeholder_company(self):
        """No "YourCompany" or "Your logo" on screens, mails and prints."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "集团公司")
        self.assertFalse(company.uses_default_logo)
        for model, fnames in (
            ("res.partner", ["name", "company_name", "email"]),
            ("hr.employee", ["private_email", "work_email"]),
        ):
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    found = (
                        self.env[model]
                        .with_context(active_test=False)
                        .search([(fname, "ilike", "yourcompany")])
                    )
                    self.assertFalse(found, found.mapped(fname))
