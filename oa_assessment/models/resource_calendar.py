# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    oa_workday_ids = fields.One2many(
        "oa.calendar.workday",
        "calendar_id",
        string="Make-up Working Days",
        help="Rest days that are worked to make up for a public holiday (调休).",
    )

    def _oa_makeup_days(self, date_from, date_to):
        """The make-up working days (调休) of ``oa.calendar.workday`` from
        ``date_from`` to ``date_to``, of this calendar or of every one."""
        return super()._oa_makeup_days(date_from, date_to) | set(
            self.env["oa.calendar.workday"]
            .sudo()
            .search(
                [
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    "|",
                    ("calendar_id", "=", self.id),
                    ("calendar_id", "=", False),
                ]
            )
            .mapped("date")
        )
