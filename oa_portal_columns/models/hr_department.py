# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_column_ids = fields.One2many("oa.column", "unit_id", string="Columns")

    @api.model_create_multi
    def create(self, vals_list):
        units = super().create(vals_list)
        units.filtered("is_oa_unit")._oa_ensure_columns()
        return units

    def write(self, vals):
        res = super().write(vals)
        if vals.get("is_oa_unit"):
            self._oa_ensure_columns()
        return res

    def _oa_root_column_names(self):
        """English names of the root columns: the labels of their kinds,
        translated by ``oa.column._oa_translate_root_names``."""
        return dict(self.env["oa.column"]._fields["kind"].selection)

    @api.model
    def _oa_install_columns(self):
        self.with_context(active_test=False).search(
            [("is_oa_unit", "=", True)]
        )._oa_ensure_columns()

    def _oa_ensure_columns(self):
        """Create the missing root columns (新闻中心, 通知公告, 知识中心) of
        the units — one search and one batched create."""
        if not self:
            return
        Column = self.env["oa.column"].sudo().with_context(active_test=False)
        existing = {
            (column.unit_id.id, column.kind)
            for column in Column.search(
                [("unit_id", "in", self.ids), ("parent_id", "=", False)]
            )
        }
        names = self._oa_root_column_names()
        vals_list = [
            {
                "name": name,
                "kind": kind,
                "unit_id": unit.id,
                "sequence": sequence,
            }
            for unit in self
            for sequence, (kind, name) in enumerate(names.items(), start=1)
            if (unit.id, kind) not in existing
        ]
        if vals_list:
            Column.with_context(lang="en_US").create(vals_list)
            Column._oa_translate_root_names()
