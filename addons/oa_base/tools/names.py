# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every name and title of the suite is required and not blank: the database
refuses only a missing one (NOT NULL), not "" nor "   ".

Use it from an ``@api.constrains`` method of the model::

    from odoo.addons.oa_base.tools.names import check_not_blank

    @api.constrains("name")
    def _check_oa_name_not_blank(self):
        check_not_blank(self, "name")
"""

from odoo.exceptions import ValidationError


def check_not_blank(records, *names):
    """Refuse a record of ``records`` whose field ``names`` is empty or
    only spaces, with a message naming the model and the field."""
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
