# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLoginPage(HttpCase):
    def test_login_asks_for_the_account(self):
        """Logins are pinyin names: the form asks for the account (账号),
        not an e-mail address."""
        self.env["res.lang"]._activate_lang("zh_CN")
        page = self.url_open("/web/login", headers={"Accept-Language": "zh-CN,zh"})
        self.assertEqual(page.status_code, 200)
        label = page.text.split('for="login"', 1)[1].split("</label>", 1)[0]
        self.assertIn("账号", label)
        self.assertNotIn("电子邮件", label)
        self.assertNotIn("Email", label)


@tagged("post_install", "-at_install")
class TestPasswordRules(TransactionCase):
    def test_refusal_names_the_rules_the_password_fails(self):
        """A weak password is told which rule it fails, not every rule."""
        params = self.env["ir.config_parameter"].sudo()
        for key, value in (
            ("auth_password_policy.minlength", 10),
            ("password_security.lower", 1),
            ("password_security.upper", 1),
            ("password_security.numeric", 1),
            ("password_security.special", 1),
        ):
            params.set_param(key, value)
        user = self.env.ref("base.user_demo").with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(
            user._oa_password_failures("abcdefghij1!"),
            ["至少 1 个大写字母（A–Z）"],
        )
        self.assertEqual(
            user.with_context(lang="en_US")._oa_password_failures("Abc1!"),
            ["at least 10 characters"],
        )
        self.assertFalse(user._oa_password_failures("Abcdefgh1!"))
        # the refusal lists only what fails (outside a test run's skip)
        with (
            patch.object(type(user), "_oa_skip_password_rules", return_value=False),
            self.assertRaises(ValidationError) as refusal,
        ):
            user._check_password_rules("abcdefghij")
        message = str(refusal.exception)
        self.assertIn("大写字母", message)
        self.assertIn("数字", message)
        self.assertNotIn("小写字母", message)
        self.assertNotIn("字符", message.replace("特殊字符", ""))
