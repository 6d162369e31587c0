# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.oa_base.tools.names import check_not_blank


class OaArticleTag(models.Model):
    _name = "oa.article.tag"
    _description = "OA Article Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    @api.constrains("name")
    def _check_name_not_blank(self):
        check_not_blank(self, "name")

    _sql_constraints = [
        (
            "name_unique",
            "UNIQUE(name)",
            "An article tag with this name already exists.",
        ),
    ]
