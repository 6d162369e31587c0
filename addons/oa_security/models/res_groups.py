# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

from .res_users import SECADMIN

# what grants rights through a group's form
GRANT_FIELDS = ("users", "implied_ids")


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _oa_check_grant_fields(self, vals_list):
        if self.env.su or self.env.user.has_group(SECADMIN):
            return
        if any(set(GRANT_FIELDS) & vals.keys() for vals in vals_list):
            raise AccessError(
                self.env._(
                    "Only the security administrator changes the members and "
                    "the implied groups of a group."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._oa_check_grant_fields(vals_list)
        groups = super().create(vals_list)
        if any(set(GRANT_FIELDS) & vals.keys() for vals in vals_list):
            groups._oa_after_grant_change({group.id: set() for group in groups})
        return groups

    def write(self, vals):
        self._oa_check_grant_fields([vals])
        if not set(GRANT_FIELDS) & vals.keys():
            return super().write(vals)
        before = {group.id: set(group.sudo().users.ids) for group in self}
        res = super().write(vals)
        self._oa_after_grant_change(before)
        return res

    def _oa_after_grant_change(self, before):
        Users = self.env["res.users"].sudo()
        Log = self.env["oa.audit.log"]
        duties = Users._oa_duty_groups()
        for group in self.sudo():
            old = before.get(group.id, set())
            new = set(group.users.ids)
            added, removed = (
                Users.browse(sorted(new - old)),
                Users.browse(sorted(old - new)),
            )
            duty = bool(group & duties)
            for action, users in (("grant", added), ("revoke", removed)):
                if users:
                    Log._oa_log(
                        f"duty_{action}" if duty else f"group_{action}",
                        record=group,
                        record_name=group.full_name,
                        detail=", ".join(users.mapped("login")),
                    )
        # Odoo adds the implied groups in SQL: read them afresh
        Users.invalidate_model(["groups_id"])
        if not self.env.su:
            actor = self.env.user
            for group in self.sudo():
                if actor.id in before.get(group.id, set()) ^ set(group.users.ids):
                    raise AccessError(
                        self.env._(
                            "Nobody changes his own groups: ask the security "
                            "administrator."
                        )
                    )
        # a member or an implied group added may give someone a second duty
        Users.search([("groups_id", "in", duties.ids)])._check_oa_separation()
