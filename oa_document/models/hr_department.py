# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Roles held in a unit, by the group that grants them (the unit's members in
# that group hold the role); "leader" and "admin" are named on the unit.
ROLE_GROUPS = {
    "clerk": "oa_base.group_oa_document_clerk",
    "seal_keeper": "oa_base.group_oa_seal_keeper",
}
ROLES = ("leader", "admin", "clerk", "seal_keeper", "user")


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
    oa_allow_single_actor_flow = fields.Boolean(
        string="One Person May Hold Every Step",
        help="Allow a document flow of this unit in which one person could act at "
        "every step (small units only): otherwise such a flow is refused.",
    )

    def _oa_role_users(self, role):
        """The active users who hold ``role`` in any unit of ``self`` (the
        one place that says it; no walk up to parent units):

        - ``leader``: the unit's leader in charge (主管领导);
        - ``admin``: its system administrators;
        - ``clerk`` / ``seal_keeper``: its members in the document clerk /
          seal keeper group;
        - ``user``: all its members.

        Returns a ``res.users`` recordset (in the caller's environment)."""
        Users = self.env["res.users"]
        if role == "admins":  # the flow designer's historical key
            role = "admin"
        if role not in ROLES:
            raise ValueError(f"unknown OA role {role!r}")
        if not self:
            return Users
        units = self.sudo()
        if role == "leader":
            users = units.oa_leader_id
        elif role == "admin":
            users = units.oa_admin_ids
        else:
            domain = [("oa_unit_id", "in", self.ids)]
            if role in ROLE_GROUPS:
                domain.append(("groups_id", "in", self.env.ref(ROLE_GROUPS[role]).ids))
            users = Users.sudo().search(domain)
        return users.filtered("active").with_env(self.env)
