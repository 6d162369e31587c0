# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

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

    def test_password_security_speaks_chinese(self):
        """OCA password_security's own zh_CN is 18 % complete: the suite ships
        the rest (addons/password_security/i18n_extra), code and labels."""
        admin = self.env.ref("base.user_admin").with_context(lang="zh_CN")
        message = admin.password_match_message()
        self.assertIn("必须包含", message)
        self.assertIn("大写字母", message)
        field = self.env["ir.model.fields"]._get(
            "res.config.settings", "password_history"
        )
        self.assertEqual(field.with_context(lang="zh_CN").field_description, "历史")

    def test_every_list_has_a_chinese_empty_state(self):
        """A window action of the suite opening a list says, in Chinese, what
        the list is for and how to fill it; no view shows Odoo's sample data
        instead."""
        data = self.env["ir.model.data"].search(
            [("module", "=like", "oa\\_%"), ("model", "=", "ir.actions.act_window")]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        lists = actions.filtered(
            lambda a: a.res_model
            and not self.env[a.res_model]._transient
            and "list" in (a.view_mode or "")
        )
        self.assertTrue(lists)
        for action in lists.with_context(lang="zh_CN"):
            with self.subTest(action=action.xml_id):
                self.assertTrue(action.help, "no empty-state help")
                self.assertRegex(action.help, "[\u4e00-\u9fff]", "help not in Chinese")
        views = self.env["ir.model.data"].search(
            [("module", "=like", "oa\\_%"), ("model", "=", "ir.ui.view")]
        )
        for view in self.env["ir.ui.view"].browse(views.mapped("res_id")):
            with self.subTest(view=view.xml_id):
                self.assertNotIn('sample="1"', view.arch_db or "")

    def test_demo_work_is_written_in_chinese(self):
        """The demo people work in Chinese: the to-dos the demo flows gave
        them read in Chinese on their workbench (the flows run at install,
        in the installer's language unless told otherwise)."""
        activities = self.env["mail.activity"].search(
            [("res_model", "=like", "oa.%"), ("summary", "!=", False)]
        )
        self.assertTrue(activities)
        english = activities.filtered(
            lambda a: re.fullmatch(r"[\x00-\x7f]*[A-Za-z]{3}[\x00-\x7f]*", a.summary)
            or re.search(r"\(for [^)]*\)$", a.summary)
        )
        self.assertFalse(english.mapped("summary"))
