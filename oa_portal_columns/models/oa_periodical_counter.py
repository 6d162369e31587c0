# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OaPeriodicalNumberCounter(models.Model):
    """Last issue number given per periodical and year (2026年第12期).

    ``_take_next`` increments the row with one atomic upsert, as the
    document numbers of oa_document do: a second transaction publishing an
    issue of the same periodical and year waits on the row lock until the
    first commits (then, under REPEATABLE READ, fails with a serialization
    error that Odoo retries, and takes the next number) or rolls back (then
    takes the same number).  A publication that fails rolls the counter back
    with it: no gap, no duplicate.  Nobody reads or writes these rows through
    the ORM (no access rights)."""

    _name = "oa.periodical.number.counter"
    _description = "Periodical Issue Number Counter"
    _order = "year desc, title"

    title = fields.Char(string="Periodical", required=True)
    year = fields.Integer(required=True)
    last_number = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "title_year_uniq",
            "UNIQUE (title, year)",
            "One counter per periodical and year.",
        ),
    ]

    @api.model
    def _take_next(self, title, year):
        """The next number of ``title`` in ``year``; the counter row stays
        locked until the transaction ends."""
        self.env.cr.execute(
            """
            INSERT INTO oa_periodical_number_counter
                   (title, year, last_number,
                    create_uid, write_uid, create_date, write_date)
            VALUES (%(title)s, %(year)s, 1, %(uid)s, %(uid)s,
                    now() at time zone 'UTC', now() at time zone 'UTC')
            ON CONFLICT (title, year) DO UPDATE
               SET last_number = oa_periodical_number_counter.last_number + 1,
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            RETURNING last_number
            """,
            {"title": title, "year": year, "uid": self.env.uid},
            log_exceptions=False,
        )
        self.invalidate_model(["last_number"])
        return self.env.cr.fetchone()[0]
