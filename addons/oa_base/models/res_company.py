# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def write(self, vals):
        # the company's time zone is its working schedule's (cached)
        if "resource_calendar_id" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)
