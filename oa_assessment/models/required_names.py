# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names of assessment rules, roll-out phases and roll-out tasks are required
and not blank."""

from odoo import api, models

from odoo.addons.oa_base.tools.names import check_not_blank


class OaAssessmentRule(models.Model):
    _inherit = "oa.assessment.rule"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaRolloutPhase(models.Model):
    _inherit = "oa.rollout.phase"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")


class OaRolloutTask(models.Model):
    _inherit = "oa.rollout.task"

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")
