# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaBaseCommon


@tagged("post_install", "-at_install")
class TestRefusalText(OaBaseCommon):
    """A refused user reads what he tried, that he lacks the right and whom
    to ask — no joke, no name of the record he may not see."""

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_record_rule_refusal_is_sober(self):
        window = (
            self.env["oa.proxy"]
            .with_user(self.staff_a)
            .create(
                {
                    "user_id": self.staff_a.id,
                    "proxy_user_id": self.admin_a1.id,
                    "date_from": fields.Datetime.now() + timedelta(days=1),
                    "date_to": fields.Datetime.now() + timedelta(days=3),
                    "note": "机密出差",
                }
            )
        )
        langs = ["en_US"]
        if self.env["res.lang"]._lang_get("zh_CN").active:
            langs.append("zh_CN")
        for lang in langs:
            self.staff_b.lang = lang
            with self.subTest(lang=lang), self.assertRaises(AccessError) as refused:
                window.with_user(self.staff_b).read(["note"])
            message = str(refused.exception)
            for joke in ("top-secret", "cookies", "绝密", "饼干"):
                self.assertNotIn(joke, message)
            self.assertNotIn(window.sudo().display_name, message)
            self.assertIn(
                "系统管理员" if lang == "zh_CN" else "system administrator", message
            )
