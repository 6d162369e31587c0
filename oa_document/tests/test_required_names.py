# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Titles and names of documents, flows, webhooks and supervision items are
required and not blank."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.oa_base.tests.required_names_common import RequiredNamesMixin

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestRequiredNames(RequiredNamesMixin, OaDocumentCommon):
    def test_document_title(self):
        document = self._draft().with_user(self.staff_a)
        self.assertBlankRefused(lambda name: self._draft(name=name), document, "name")

    def test_flow_name(self):
        Flow = self.env["oa.document.flow"]

        def create(name):
            # one active flow per unit and kind: 丙 has none
            return Flow.create(
                {"name": name, "unit_id": self.unit_c.id, "kind": "formal"}
            )

        self.assertBlankRefused(create, self.sign_flow, "name")

    def test_webhook_name(self):
        self.env["ir.config_parameter"].set_param(
            "oa_document.webhook_allowed_hosts", "erp.example.com"
        )
        Hook = self.env["oa.document.webhook"]

        def create(name):
            return Hook.create(
                {
                    "name": name,
                    "unit_id": self.unit_a.id,
                    "url": "https://erp.example.com/oa",
                    "secret": "s3cr3t",
                }
            )

        self.assertBlankRefused(create, create("业务系统"), "name")

    def test_supervision_subject(self):
        Item = self.env["oa.supervision"].with_user(self.project_user)

        def create(name):
            return Item.create(
                {
                    "name": name,
                    "requirement": "按期报送",
                    "unit_id": self.unit_b.id,
                    "date_deadline": fields.Date.today() + timedelta(days=5),
                }
            )

        self.assertBlankRefused(create, create("报送情况"), "name")
