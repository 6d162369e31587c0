# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _update_translations(self, filter_lang=None, overwrite=False):
        """A language loaded after the units exist (Settings › Languages, or
        the suite activating Chinese) also names their root columns."""
        res = super()._update_translations(filter_lang, overwrite)
        self.env["oa.column"]._oa_translate_root_names()
        return res
