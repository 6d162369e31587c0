# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one guard of the flow-owned fields ("only the flow moves a record").

A model inherits ``oa.flow.guard`` and names the fields only its flow sets
(state, numbers, flow dates and actors, scores, amounts, hashes, the steps)
in ``_oa_flow_fields``.  Its transitions write them as the superuser, after
their own checks; for anyone else:

- ``create`` (and so ``load``, the import, and x2many commands of a parent)
  may give such a field only its initial value — what the field's own
  default gives, or nothing;
- ``write`` refuses them;
- ``default_<field>`` keys of the context and personal defaults
  (``ir.default``) never reach them: a context arrives over RPC too.

Extensions add fields by overriding ``_oa_protected_fields`` (with super)."""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..tools.labels import field_labels


class OaFlowGuard(models.AbstractModel):
    _name = "oa.flow.guard"
    _description = "Flow-owned fields guard"

    # the fields only the transitions write; "__all__": every stored field
    # (a record the flow or the system writes whole: a step, a delivery, a
    # row of the audit trail)
    _oa_flow_fields = ()

    @api.model
    def _oa_protected_fields(self):
        """The flow-owned fields of the model (a set of names)."""
        if self._oa_flow_fields == "__all__":
            return {
                name
                for name, field in self._fields.items()
                if field.store and name not in models.MAGIC_COLUMNS
            }
        return set(self._oa_flow_fields)

    @api.model
    def _oa_flow_initial_ok(self, name, value):
        """Whether a create may send ``value`` for the flow-owned field
        ``name``: its initial value (what its own default gives), or empty."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            # nothing linked or created: only "clear" and "set to nothing"
            return all(
                isinstance(command, list | tuple)
                and (
                    command[0] == Command.CLEAR
                    or (command[0] == Command.SET and not command[2])
                )
                for command in value or []
            )
        if field.default is None:
            return not value
        initial = field.default(self)
        record = self.browse()
        try:
            return field.convert_to_cache(
                value, record, validate=False
            ) == field.convert_to_cache(initial, record, validate=False)
        except (TypeError, ValueError):
            return False

    def _oa_flow_refused(self, names):
        """The error for a client that sets the flow-owned ``names``."""
        labels = field_labels(self, names)
        model = self.env["ir.model"].sudo()._get(self._name)
        return UserError(
            self.env._(
                "%(model)s: %(fields)s can only be set by its flow. Use the "
                "buttons on the record.",
                fields=labels,
                model=model.name or self._description,
            )
        )

    def _oa_check_flow_vals(self, vals, create=False):
        if self.env.su:
            return
        touched = self._oa_protected_fields() & set(vals)
        if create:
            touched = {
                name
                for name in touched
                if not self._oa_flow_initial_ok(name, vals[name])
            }
        if touched:
            raise self._oa_flow_refused(touched)

    @api.model
    def default_get(self, fields_list):
        """A flow-owned field starts from its own default only: neither a
        ``default_*`` key of the context nor a personal default applies."""
        protected = self._oa_protected_fields() & set(fields_list)
        if not protected:
            return super().default_get(fields_list)
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[8:] in protected)
        }
        # a whole new context: keys are dropped, which kwargs cannot do
        defaults = super(
            OaFlowGuard,
            self.with_context(context),  # pylint: disable=context-overridden
        ).default_get(fields_list)
        for name in protected:
            defaults.pop(name, None)
            field = self._fields[name]
            if field.default is not None:
                defaults[name] = field.convert_to_write(
                    field.convert_to_cache(field.default(self), self.browse()),
                    self.browse(),
                )
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oa_check_flow_vals(vals, create=True)
        return super().create(vals_list)

    def write(self, vals):
        self._oa_check_flow_vals(vals)
        return super().write(vals)
