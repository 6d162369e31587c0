# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError, UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export):
        """The list view's export (``/web/export/xlsx`` and ``/web/export/csv``,
        one call per group of a grouped export) of a suite record or a user
        is a row of the trail: model, records, fields."""
        Log = self.env["oa.audit.log"]
        if not Log._oa_audits_export(self):
            return super().export_data(fields_to_export)
        try:
            result = super().export_data(fields_to_export)
        except (UserError, AccessError) as error:
            Log._oa_log_refused(
                [
                    Log._oa_export_row(
                        self,
                        fields_to_export,
                        len(self),
                        reason=str(error.args[0])
                        if error.args
                        else type(error).__name__,
                    )
                ]
            )
            raise
        Log._oa_log_export(self, fields_to_export)
        return result
