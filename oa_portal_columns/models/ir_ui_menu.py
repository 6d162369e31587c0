# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The publishers' menus: who may publish in a column (a unit administrator,
# or a user named publisher of a column) sees them; plain staff do not.
PUBLISHER_MENUS = (
    "oa_portal_columns.oa_article_menu_manage",
    "oa_portal_columns.oa_article_read_menu",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """文章管理 and the read receipts show to the unit administrators and
        to the publishers of a column: publishers are named per column, not
        by a group, so ``groups`` on the menus cannot say it."""
        res = super()._load_menus_blacklist()
        user = self.env.user
        if user.has_group("oa_base.group_oa_unit_admin") or self.env[
            "oa.column"
        ].sudo().search_count([("publisher_ids", "in", user.ids)], limit=1):
            return res
        for xmlid in PUBLISHER_MENUS:
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                res.append(menu.id)
        return res


class OaColumn(models.Model):
    _inherit = "oa.column"

    # The web client's menus are cached per user (``load_menus``): naming or
    # removing a publisher changes them.
    @api.model_create_multi
    def create(self, vals_list):
        columns = super().create(vals_list)
        if any(vals.get("publisher_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        return columns

    def write(self, vals):
        res = super().write(vals)
        if "publisher_ids" in vals or "active" in vals:
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        published = bool(self.sudo().publisher_ids)
        res = super().unlink()
        if published:
            self.env.registry.clear_cache()
        return res
