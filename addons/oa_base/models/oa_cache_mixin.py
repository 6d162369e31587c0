# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OaRegistryCacheMixin(models.AbstractModel):
    """Records that cached answers are computed from (a step's time limit,
    a make-up working day): any change clears the registry's caches, on
    every worker (Odoo signals it through the database)."""

    _name = "oa.registry.cache.mixin"
    _description = "Clears the cached answers it feeds"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
