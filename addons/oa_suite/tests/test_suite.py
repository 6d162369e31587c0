# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSuite(TransactionCase):
    def test_every_oa_addon_is_installed(self):
        """oa_suite depends on every oa_* addon of the repository: one that
        is missing from its manifest would not be installed by Docker or by
        `make run`."""
        modules = self.env["ir.module.module"].search([("name", "=like", "oa\\_%")])
        not_in_suite = (
            set(modules.mapped("name"))
            - {"oa_suite"}
            - set(get_manifest("oa_suite")["depends"])
        )
        self.assertFalse(not_in_suite, "add them to oa_suite's depends")
        self.assertEqual(
            set(modules.filtered(lambda m: m.state != "installed").mapped("name")),
            set(),
        )

    def test_chinese_is_active_and_loaded(self):
        lang = self.env["res.lang"]._lang_get("zh_CN")
        self.assertTrue(lang and lang.active)
        menu = self.env.ref("oa_base.oa_menu_root").with_context(lang="zh_CN")
        self.assertNotEqual(menu.name, self.env.ref("oa_base.oa_menu_root").name)
