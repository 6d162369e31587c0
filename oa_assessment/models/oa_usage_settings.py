# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_visit_gap_minutes = fields.Integer(
        string="Pause Before a New Visit (minutes)",
        config_parameter="oa_assessment.visit_gap_minutes",
        default=30,
        help="The first request after at least this many minutes without any "
        "is a new visit (上线).",
    )
    oa_usage_target_a = fields.Float(
        string="Target A (visits per person per day)",
        config_parameter="oa_assessment.target_a",
        default=1.0,
    )
    oa_usage_target_b = fields.Float(
        string="Target B (share of regular users)",
        config_parameter="oa_assessment.target_b",
        default=0.30,
        help="0.30 is 30 %: the share of registered users online on enough "
        "working days must be above it.",
    )
    oa_usage_regular_ratio = fields.Float(
        string="Regular User: Share of Working Days",
        config_parameter="oa_assessment.regular_ratio",
        default=0.80,
        help="A user is a regular user when he visits on at least this share "
        "of the working days (0.80 is 80 %).",
    )
