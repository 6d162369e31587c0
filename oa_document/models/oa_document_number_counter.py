# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OaDocumentNumberCounter(models.Model):
    """Last number given per issuing unit, kind and year (文号), and the
    unit-less counter of the archive chain.

    ``_take_next`` increments the row with one atomic upsert: a second
    transaction numbering the same unit/kind/year waits on the row lock until
    the first commits (then gets the next number) or rolls back (then gets
    the same number).  Under Odoo's REPEATABLE READ isolation the waiting
    transaction then fails with a serialization error and Odoo retries the
    whole request (``odoo.service.model.retrying``, logged at INFO), which
    takes the next number.  Hence no duplicate and no gap, whatever the
    concurrency.  The statement does not log the expected serialization
    failure as a "bad query" ERROR: it is the normal path of a concurrent
    sign-off, not a fault.
    """

    _name = "oa.document.number.counter"
    _description = "Document Number Counter"
    _order = "year desc, unit_id, kind"

    unit_id = fields.Many2one(
        "hr.department",
        ondelete="restrict",
        help="Empty for the archive chain, which is numbered across units.",
    )
    kind = fields.Char(
        required=True,
        help="Kind of document, 'incoming' for receipt numbers, 'archive' for "
        "the archive chain.",
    )
    year = fields.Integer(required=True)
    last_number = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "unit_kind_year_uniq",
            "UNIQUE (unit_id, kind, year)",
            "One counter per unit, kind and year.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS oa_document_number_counter_nounit_uniq
                ON oa_document_number_counter (kind, year) WHERE unit_id IS NULL
            """
        )

    @api.model
    def _take_next(self, unit, kind, year):
        """The next number of ``unit`` (a hr.department, may be empty),
        ``kind`` and ``year``: the counter row stays locked until the
        transaction ends."""
        conflict = (
            "(unit_id, kind, year)" if unit else "(kind, year) WHERE unit_id IS NULL"
        )
        self.env.cr.execute(
            f"""
            INSERT INTO oa_document_number_counter
                   (unit_id, kind, year, last_number,
                    create_uid, write_uid, create_date, write_date)
            VALUES (%(unit)s, %(kind)s, %(year)s, 1,
                    %(uid)s, %(uid)s, now() at time zone 'UTC',
                    now() at time zone 'UTC')
            ON CONFLICT {conflict} DO UPDATE
               SET last_number = oa_document_number_counter.last_number + 1,
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            RETURNING last_number
            """,  # noqa: S608 (conflict target is one of two constants)
            {"unit": unit.id or None, "kind": kind, "year": year, "uid": self.env.uid},
            log_exceptions=False,
        )
        self.invalidate_model(["last_number"])
        return self.env.cr.fetchone()[0]
