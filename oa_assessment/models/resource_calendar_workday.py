# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OaCalendarWorkday(models.Model):
    """A make-up working day (调休上班日): a Saturday or Sunday that is worked
    because a public holiday was moved.  Odoo's calendars express days off
    (``resource.calendar.leaves``) but not extra working days; this is the
    smallest record that says it, next to the holidays it makes up for."""

    _name = "oa.calendar.workday"
    # a make-up day moves the deadlines of the steps (cached in
    # ``resource.calendar._oa_deadline_day``)
    _inherit = "oa.registry.cache.mixin"
    _description = "Make-up Working Day"
    _order = "date desc"

    name = fields.Char(string="Reason", required=True, translate=True)
    date = fields.Date(required=True, index=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Schedule",
        index=True,
        ondelete="cascade",
        help="Leave empty for every working schedule.",
    )

    _sql_constraints = [
        (
            "calendar_date_unique",
            "UNIQUE(calendar_id, date)",
            "A make-up working day is recorded once per working schedule.",
        )
    ]
