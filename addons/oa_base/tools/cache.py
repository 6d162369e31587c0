# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The record cache after a change made in SQL."""


def forget(records, names):
    """Forget the fields ``names`` of ``records`` in the cache, and no more.

    ``invalidate_recordset`` also forgets, for a one2many among them, its
    inverse on every row of the comodel in the cache (each step row's
    ``res_id``, each to-do's), which the flow then reads again at once
    though no row moved to another record."""
    records.flush_recordset(names)
    records.env.cache.invalidate(
        [(records._fields[name], records.ids) for name in names]
    )
