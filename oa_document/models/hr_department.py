# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Roles held in a unit through a group: the unit's members having the group;
# "leader", "admin" and "liaison" are named on the unit, "user" is every member.
ROLE_GROUPS = {
    "clerk": "oa_base.group_oa_document_clerk",
    "seal_keeper": "oa_base.group_oa_seal_keeper",
}
OPINION_SETTING_FIELDS = (
    "oa_opinion_required_review",
    "oa_opinion_required_countersign",
    "oa_opinion_required_sign",
    "oa_opinion_required_propose",
    "oa_opinion_required_instruct",
)
ROLES = ("leader", "admin", "liaison", "clerk", "seal_keeper", "user")


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
    # Opinions (审核意见、会签意见、签发意见、拟办意见、批示): asked for when
    # the actor acts; may it be left empty in this unit?
    oa_opinion_required_review = fields.Boolean(
        string="Review Opinion Required",
        help="The reviewer must write an opinion (审核意见) to approve.",
    )
    oa_opinion_required_countersign = fields.Boolean(
        string="Countersign Opinion Required",
        help="A countersigning leader of this unit must write an opinion.",
    )
    oa_opinion_required_sign = fields.Boolean(
        string="Sign-off Opinion Required",
        default=True,
        help="The signing leader must write the sign-off opinion (签发意见).",
    )
    oa_opinion_required_propose = fields.Boolean(
        string="Proposed Handling Required",
        help="The clerk must write the proposed handling (拟办意见) of a receipt.",
    )
    oa_opinion_required_instruct = fields.Boolean(
        string="Instruction Required",
        default=True,
        help="The leader must write the instruction (批示) of a receipt.",
    )

    def _oa_opinion_required(self, step):
        """Is an empty opinion refused at ``step`` (review, countersign,
        sign, propose, instruct) in this unit?"""
        self.ensure_one()
        name = f"oa_opinion_required_{step}"
        return name in self._fields and bool(self.sudo()[name])

    def _oa_role_users(self, role):
        """THE answer to "who holds ``role`` in these units": the active users
        holding it, union over the units of ``self`` (no walk up to parent
        units; one query whatever the number of units):

        - ``leader``: the unit's leader in charge (主管领导);
        - ``admin``: its system administrators;
        - ``liaison``: the IT centre's liaison (联络员);
        - ``clerk`` / ``seal_keeper``: its members (``oa_unit_id``) in the
          document clerk / seal keeper group;
        - ``user``: all its members.

        Returns a ``res.users`` recordset (in the caller's environment)."""
        Users = self.env["res.users"]
        if role == "admins":  # the flow designer's historical key
            role = "admin"
        if role not in ROLES:
            raise ValueError(f"unknown OA role {role!r}")
        units = self.sudo()
        if not units:
            return Users
        if role == "leader":
            users = units.oa_leader_id
        elif role == "admin":
            users = units.oa_admin_ids
        elif role == "liaison":
            users = units.oa_liaison_id
        else:
            domain = [("oa_unit_id", "in", units.ids)]
            if role in ROLE_GROUPS:
                group_id = self.env["ir.model.data"]._xmlid_to_res_id(ROLE_GROUPS[role])
                domain.append(("groups_id", "in", [group_id]))
            # their unit comes with them: callers often split them by unit
            users = Users.sudo().search_fetch(domain, ["oa_unit_id", "active"])
        return users.filtered("active").with_env(self.env)

    def _oa_unit_setting_fields(self):
        # the opinion settings are the unit's own: its administrators
        return super()._oa_unit_setting_fields() + OPINION_SETTING_FIELDS
