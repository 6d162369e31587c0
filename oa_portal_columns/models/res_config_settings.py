# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_column_stale_days = fields.Integer(
        string="Stale Column After (Days)",
        config_parameter="oa_portal_columns.stale_days",
        default=30,
        help="A column without a new published article for this many days is "
        "listed as stale.",
    )
