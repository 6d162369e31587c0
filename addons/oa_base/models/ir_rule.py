# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A sober refusal: what the user tried, that his role or unit does not give
him the right, and whom to ask — not Odoo's joke about top-secret records
and cookies, and never the names of the records he may not see."""

from odoo import models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        error = super()._make_access_error(operation, records)
        self = self.with_context(self.env.user.context_get())
        model = self.env["ir.model"]._get(records._name).name or records._name
        operations = {
            "read": self.env._("open"),
            "write": self.env._("change"),
            "create": self.env._("create"),
            "unlink": self.env._("delete"),
        }
        message = self.env._(
            "You may not %(operation)s this record (%(model)s): your role and unit "
            "do not give you that right. If your work needs it, ask your unit's "
            "system administrator or the project group.",
            operation=operations.get(operation, operation),
            model=model,
        )
        user = self.env.user
        if user.has_group("base.group_no_one") and user._is_internal():
            rules = self._get_failing(records, mode=operation).sudo()
            message += "\n\n" + self.env._("Record rules that refused it:")
            message += "".join(f"\n- {rule.name}" for rule in rules)
        error.args = (message, *error.args[1:])
        return error
