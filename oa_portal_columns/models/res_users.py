# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        homeless = users.filtered(lambda u: not u.action_id)
        if homeless:
            homeless._oa_set_workbench_home()
        return users

    @api.model
    def _oa_workbench_action(self):
        return self.env.ref(
            "oa_portal_columns.oa_workbench_action", raise_if_not_found=False
        )

    def _oa_set_workbench_home(self):
        """OA users without a home action land on the workbench (工作台).
        Called on the new users, or on the model to cover every OA user
        (install hook).  The administrator keeps Odoo's home."""
        action = self._oa_workbench_action()
        if not action:
            return
        domain = [
            ("action_id", "=", False),
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("oa_base.group_oa_user").ids),
            (
                "id",
                "not in",
                [self.env.ref("base.user_admin").id, self.env.ref("base.user_root").id],
            ),
        ]
        if self:
            domain.append(("id", "in", self.ids))
        users = self.sudo().with_context(active_test=False).search(domain)
        if users:
            users.write({"action_id": action.id})
