# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.oa_base.tools.local_time import company_tz, local_date

# The figures are the group's, one for everyone, in the company's time zone
# (Beijing): a manuscript submitted on 1 May at 07:00 in Beijing (23:00 UTC
# on 30 April) counts for May.


class OaManuscriptMonthly(models.Model):
    """Manuscripts submitted and accepted per unit and month (信息报送统计),
    the figure the monthly assessment reads.

    A read-only SQL view over the manuscripts' flow-owned dates rather than
    a table of counters kept by the transitions: the dates are written only
    by the transitions (and submitted manuscripts cannot be deleted), so the
    figure cannot drift from the manuscripts nor be forged, re-reading a month
    always gives the same numbers, and there is nothing to repair.  A
    manuscript counts as submitted in the month of its first submission
    (resubmitting a returned one does not count twice) and as accepted in the
    month it was accepted."""

    _name = "oa.manuscript.monthly"
    _description = "Manuscripts per Unit and Month"
    _auto = False
    _order = "month desc, unit_id"
    _rec_name = "unit_id"

    unit_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    month = fields.Date(readonly=True, help="First day of the month.")
    submitted_count = fields.Integer(string="Submitted", readonly=True)
    accepted_count = fields.Integer(string="Accepted", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                    SELECT row_number() OVER (ORDER BY month, unit_id)::integer
                               AS id,
                           unit_id,
                           month,
                           sum(submitted)::integer AS submitted_count,
                           sum(accepted)::integer AS accepted_count
                      FROM (
                        SELECT unit_id,
                               date_trunc('month', first_submit_date
                                   AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                                   AS month,
                               1 AS submitted, 0 AS accepted
                          FROM oa_manuscript
                         WHERE first_submit_date IS NOT NULL
                     UNION ALL
                        SELECT unit_id,
                               date_trunc('month', accept_date
                                   AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                               0, 1
                          FROM oa_manuscript
                         WHERE accept_date IS NOT NULL
                      ) events
                  GROUP BY unit_id, month
                )
                """,
                view=SQL.identifier(self._table),
                tz=company_tz(self.env).zone,
            )
        )

    @api.model
    def _oa_counts(self, month):
        """``{unit_id: (submitted, accepted)}`` for the month of ``month``
        (a date, an ISO date string, or a moment: a UTC datetime or its
        string, whose month is the group's — 30 November 16:30 UTC is
        December in Beijing), every unit with at least one manuscript
        submitted or accepted in it."""
        try:
            day = local_date(self.env, month, company_tz(self.env))
        except (TypeError, ValueError, AttributeError):
            day = None
        if not day:
            raise ValidationError(self.env._("“%(value)s” is not a date.", value=month))
        self.env["oa.manuscript"].flush_model()
        rows = self.sudo()._read_group(
            [("month", "=", day.replace(day=1))],
            ["unit_id"],
            ["submitted_count:sum", "accepted_count:sum"],
        )
        return {unit.id: (submitted, accepted) for unit, submitted, accepted in rows}
