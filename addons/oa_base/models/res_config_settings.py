# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_force_password_change = fields.Boolean(
        string="Force Password Change at First Login",
        config_parameter="oa_base.force_password_change",
        help="New users, and users whose password an administrator set or reset, "
        "must choose a new password before anything else.",
    )
