# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names and titles of the columns addon are required and not blank: the
database refuses only a missing one (NOT NULL), not "" nor "   "."""

from odoo.exceptions import ValidationError


def check_not_blank(records, *names):
    """Refuse a record of ``records`` whose field ``names`` is empty or
    only spaces."""
    for record in records:
        for name in names:
            value = record[name]
            if isinstance(value, str) and value.strip():
                continue
            env = record.env
            raise ValidationError(
                env._(
                    "%(model)s: %(field)s is required and cannot be blank.",
                    model=env["ir.model"]._get(record._name).name,
                    field=record._fields[name]._description_string(env),
                )
            )
