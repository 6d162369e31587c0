# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Unit roles held through a group: the members of the unit having the group.
ROLE_GROUP_XMLIDS = {
    "clerk": "oa_base.group_oa_document_clerk",
    "seal_keeper": "oa_base.group_oa_seal_keeper",
}
UNIT_ROLES = ("leader", "admin", "clerk", "seal_keeper", "liaison")


class HrDepartment(models.Model):
    _inherit = "hr.department"

    oa_seal_image = fields.Image(
        string="Electronic Seal",
        max_width=512,
        max_height=512,
        help="Printed on the red-header copy of sealed documents.",
    )
    oa_document_flow_ids = fields.One2many(
        "oa.document.flow", "unit_id", string="Document Flows"
    )

    def _oa_role_users(self, role):
        """THE answer to "who holds ``role`` in these units": the union over
        the units of ``self`` of the users holding it.

        leader → the leader in charge, admin → the system administrators,
        liaison → the IT centre liaison, clerk / seal_keeper → the users of
        the unit (``oa_unit_id``) who have the document clerk / seal keeper
        group (active users only).  One query whatever the number of units."""
        if role not in UNIT_ROLES:
            raise ValueError(f"Unknown unit role {role!r}")
        units = self.sudo()
        Users = self.env["res.users"].sudo()
        if not units:
            return Users
        if role == "leader":
            users = units.oa_leader_id
        elif role == "admin":
            users = units.oa_admin_ids
        elif role == "liaison":
            users = units.oa_liaison_id
        else:
            group_id = self.env["ir.model.data"]._xmlid_to_res_id(
                ROLE_GROUP_XMLIDS[role]
            )
            # their unit comes with them: callers often split them by unit
            users = Users.search_fetch(
                [("oa_unit_id", "in", units.ids), ("groups_id", "in", [group_id])],
                ["oa_unit_id"],
            )
        return users.with_env(self.env)
