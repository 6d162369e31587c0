# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Titles and names of documents, flows, webhooks and supervision items are
required and not blank."""

from odoo import api, models

from odoo.addons.oa_base.tools.names import check_not_blank


class OaDocument(models.Model):
    _inherit = "oa.document"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaDocumentFlow(models.Model):
    _inherit = "oa.document.flow"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaDocumentWebhook(models.Model):
    _inherit = "oa.document.webhook"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaSupervision(models.Model):
    _inherit = "oa.supervision"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")
