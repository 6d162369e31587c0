# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The integration API of outgoing documents (JSON-RPC, called with an API
key) and the webhooks announcing their key events."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .common import CLASSIFICATIONS, KINDS, URGENCIES

API_FIELDS = (
    "title",
    "body",
    "kind",
    "urgency",
    "classification",
    "main_units",
    "copy_units",
)


class OaDocument(models.Model):
    _inherit = "oa.document"

    # ---- Webhooks ----

    def _notify_webhooks(self, event):
        hooks = (
            self.env["oa.document.webhook"]
            .sudo()
            .search(
                [
                    ("unit_id", "parent_of", self.sudo().issuing_unit_id.id),
                    ("active", "=", True),
                    (f"on_{event}", "=", True),
                ]
            )
        )
        if hooks:
            # the issuing unit's system: it is told of every receipt
            hooks._enqueue(event, self.sudo()._api_state())

    # ---- API ----

    def _api_state(self):
        """State of the documents as the caller may see it: the receipts
        listed are those his access rights show him (searched as him)."""
        receipts = self.env["oa.document.incoming"].search(
            [("document_id", "in", self.ids)], order="id"
        )
        by_doc = {}
        for inc in receipts:
            by_doc.setdefault(inc.document_id.id, []).append(
                {
                    "unit": inc.unit_id.name,
                    "state": inc.state,
                    "received_on": fields.Datetime.to_string(inc.date_received)
                    if inc.date_received
                    else False,
                }
            )
        return [
            {
                "id": doc.id,
                "number": doc.number or False,
                "title": doc.name,
                "state": doc.state,
                "issuing_unit": doc.issuing_unit_id.name,
                "receipts": by_doc.get(doc.id, []),
            }
            for doc in self
        ]

    @api.model
    def api_create_draft(self, values):
        """JSON-RPC entry point for business systems: create a draft.

        ``values``: title, body (HTML or text), kind, urgency,
        classification, main_units / copy_units (unit names or ids, a list or
        a single one).  Returns the state of the new draft (see
        ``api_get_state``)."""
        if not isinstance(values, dict):
            raise UserError(
                self.env._("The draft must be given as an object of named fields.")
            )
        unknown = set(values) - set(API_FIELDS)
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown fields: %(fields)s",
                    fields=", ".join(sorted(map(str, unknown))),
                )
            )
        title = values.get("title")
        if not isinstance(title, str) or not title.strip():
            raise UserError(self.env._("title: a draft needs a title (a text)."))
        body = values.get("body")
        if body not in (None, False) and not isinstance(body, str):
            raise UserError(self.env._("body: the main text must be a text."))
        vals = {
            "name": title.strip(),
            "body": body or False,
            "kind": self._api_choice(values, "kind", KINDS, "formal"),
            "urgency": self._api_choice(values, "urgency", URGENCIES, "normal"),
            "classification": self._api_choice(
                values, "classification", CLASSIFICATIONS, "internal"
            ),
            "main_unit_ids": [
                fields.Command.set(
                    self._api_units(values.get("main_units"), "main_units")
                )
            ],
            "copy_unit_ids": [
                fields.Command.set(
                    self._api_units(values.get("copy_units"), "copy_units")
                )
            ],
        }
        return self.create(vals)._api_state()[0]

    @api.model
    def api_get_state(self, ids=None, numbers=None):
        """JSON-RPC entry point: state of documents by id or by number (a
        list or a single one); documents the caller may not read are not
        returned."""
        if ids:
            ids = self._api_list(ids, "ids")
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                raise UserError(self.env._("ids: give document ids (integers)."))
            domain = [("id", "in", ids)]
        elif numbers:
            numbers = self._api_list(numbers, "numbers")
            if not all(isinstance(n, str) for n in numbers):
                raise UserError(self.env._("numbers: give document numbers (texts)."))
            domain = [("number", "in", numbers)]
        else:
            raise UserError(self.env._("Give document ids or numbers."))
        return self.search(domain)._api_state()

    def _api_list(self, value, name):
        """A list, from a list or a single value."""
        if isinstance(value, list | tuple):
            return list(value)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return [value]
        raise UserError(
            self.env._("%(field)s: give a value or a list of values.", field=name)
        )

    def _api_choice(self, values, name, selection, default):
        value = values.get(name) or default
        keys = [key for key, _label in selection]
        if value not in keys:
            raise UserError(
                self.env._(
                    "%(field)s: %(value)s is not one of %(allowed)s.",
                    field=name,
                    value=value,
                    allowed=", ".join(keys),
                )
            )
        return value

    def _api_units(self, names, field):
        Unit = self.env["hr.department"]
        ids = []
        for name in self._api_list(names, field) if names else []:
            if isinstance(name, int) and not isinstance(name, bool):
                unit = Unit.search([("id", "=", name), ("is_oa_unit", "=", True)])
            elif isinstance(name, str) and name.strip():
                unit = Unit.search(
                    [("name", "=", name.strip()), ("is_oa_unit", "=", True)], limit=1
                )
            else:
                raise UserError(
                    self.env._(
                        "%(field)s: give unit names or ids, not %(value)s.",
                        field=field,
                        value=repr(name),
                    )
                )
            if not unit:
                raise UserError(
                    self.env._(
                        "%(field)s: unknown unit %(unit)s.", field=field, unit=name
                    )
                )
            ids.append(unit.id)
        return ids
