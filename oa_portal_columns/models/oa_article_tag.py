# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OaArticleTag(models.Model):
    _name = "oa.article.tag"
    _description = "OA Article Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _sql_constraints = [
        (
            "name_unique",
            "UNIQUE(name)",
            "An article tag with this name already exists.",
        ),
    ]
