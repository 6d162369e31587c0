# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the security tests: attack as a user, then check as superuser
that nothing was written."""

from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError

# Context keys a client may send over RPC: none of them opens a door.
BYPASS_CONTEXT = {
    "oa_transition": True,
    "tracking_disable": True,
    "install_mode": True,
    "import_file": True,
    "active_test": False,
}


class SecurityMixin:
    @contextmanager
    def assertRefused(self, exception=UserError):
        """``assertRaises`` inside a savepoint: what was written before the
        error is rolled back, as the RPC request's transaction would be."""
        with self.assertRaises(exception) as context:
            with self.env.cr.savepoint():
                yield context

    def _fresh(self, record):
        """``record`` as the database has it now (superuser)."""
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo()

    def _snapshot(self, record, names):
        record = self._fresh(record)
        return {name: record[name] for name in names}

    def assertUnchanged(self, record, before):
        record = self._fresh(record)
        for name, value in before.items():
            self.assertEqual(record[name], value, f"{record._name}.{name} changed")

    def _other_value(self, record, name):
        """A value of field ``name`` different from the one of ``record``."""
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id
        if field.type == "many2many":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
            )
            return [Command.link(other.id)]
        if field.type == "one2many":
            return [Command.clear()]
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]
            return next(key for key in keys if key != current)
        if field.type == "boolean":
            return not current
        if field.type in ("char", "text", "html"):
            return f"{current or ''}伪造"
        if field.type == "integer":
            return (current or 0) + 1
        if field.type == "date":
            return (current or fields.Date.today()) + timedelta(days=30)
        if field.type == "datetime":
            return (current or fields.Datetime.now()) + timedelta(days=30)
        raise NotImplementedError(field.type)
