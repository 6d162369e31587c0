# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Record rules checked in one query.

Odoo 18 checks the record rules of records it already has (``read`` after a
search, the chatter's and the systray's access checks, ``write``) by
evaluating the rules' domain in Python (``filtered_domain``).  Every
relational leaf then reads the related rows of every record: a document's
rules (its steps' actors, its receipts' units, the unit tree) cost eight
queries and a few milliseconds per check, more with each record of a list.

The suite's models (``oa.*``) check the same domain in SQL instead, as a
search applies it: one query.  The rules, the access rights and the refusal
stay Odoo's own; only the evaluation moves.  Odoo's models keep Odoo's way
(their rules are mostly on the company, which the cache answers).  Tests:
``oa_base/tests/test_rule_sql.py`` (same answer as Odoo's, for every model,
role and operation).
"""

from odoo import models
from odoo.osv import expression


class Base(models.AbstractModel):
    _inherit = "base"

    def _check_access(self, operation):
        # Odoo's own way for its models, the superuser, new records and what
        # the access rights refuse anyway (BaseModel._check_access, whose
        # rule part this replaces)
        if (
            not self._name.startswith("oa.")
            or self.env.su
            or not self._ids
            or not all(isinstance(id_, int) for id_ in self._ids)
            or not self.env["ir.model.access"].check(
                self._name, operation, raise_exception=False
            )
        ):
            return super()._check_access(operation)
        Rule = self.env["ir.rule"]
        domain = Rule._compute_domain(self._name, operation)
        if not domain:
            return None
        ids = set(self._ids)
        self._oa_flush_domain(domain)
        allowed = set(
            self.sudo()
            .with_context(active_test=False)
            ._search(expression.AND([[("id", "in", list(ids))], domain]))
        )
        if len(allowed) == len(ids):
            return None
        # a record deleted meanwhile is not refused but missing: reading it
        # raises MissingError, as with Odoo's check
        refused = self.sudo().browse([id_ for id_ in self._ids if id_ not in allowed])
        forbidden = self.browse(refused.exists()._ids)
        if not forbidden:
            return None
        return forbidden, lambda: Rule._make_access_error(operation, forbidden)

    def _oa_flush_domain(self, domain):
        """Write what the rules' fields still hold in memory (a pending
        recompute of the actors, say): Odoo 18's search flushes the columns
        of a condition but not a many2many's relation table.  (Odoo 17's
        ``_flush_search`` walked the domain the same way; 18 deprecates it
        with a warning on every call.)"""
        for leaf in domain:
            if not isinstance(leaf, list | tuple) or not isinstance(leaf[0], str):
                continue
            model = self._oa_flush_path(leaf[0])
            if leaf[1] in ("any", "not any"):
                model._oa_flush_domain(leaf[2])
            elif leaf[1] in ("child_of", "parent_of") and model._parent_store:
                model.flush_model([model._parent_name])

    def _oa_flush_path(self, path):
        """Flush the fields of a dotted path; the model it ends on."""
        model = self
        for name in path.split("."):
            field = model._fields.get(name)
            if not field:
                break
            model.flush_model([name])
            if field.related:
                model._oa_flush_path(field.related)
            if field.type == "one2many" and field.inverse_name:
                self.env[field.comodel_name].flush_model([field.inverse_name])
            if not field.relational:
                break
            model = self.env[field.comodel_name]
        return model
