# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names of training batches and topics of their sessions are required and
not blank."""

from odoo import api, models

from odoo.addons.oa_base.tools.names import check_not_blank


class OaTrainingBatch(models.Model):
    _inherit = "oa.training.batch"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaTrainingSession(models.Model):
    _inherit = "oa.training.session"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")
