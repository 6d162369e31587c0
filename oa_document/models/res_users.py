# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _oa_drafting_units(self):
        """The units in whose name the user may draft an outgoing document:
        his own unit and the units he administers (a unit administrator
        drafts for the units he runs).  Not the units he merely leads or
        belongs to through a parent unit."""
        self.ensure_one()
        return self.oa_unit_id | self.oa_managed_unit_ids
