# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Roles in one place: who holds role R in unit U, with one explicit policy
for the units that have nobody in that role.

- ``hr.department._oa_role_users(role)``: the holders in these very units;
- ``hr.department._oa_nearest_role_users(roles)``: for each unit, the holders
  of ``roles`` in the unit or, when it has none, in the nearest unit above it
  that has some (a sub-unit without its own clerk is served by its parent's
  clerks: for the outgoing actors as for the receipts);
- ``res.users._oa_is_project()`` and ``res.users._oa_administered_units()``.
"""

from odoo import api, models, tools

# Roles held in a unit through a group: the unit's members having the group;
# "leader", "admin" and "liaison" are named on the unit, "user" is every member.
ROLE_GROUPS = {
    "clerk": "oa_base.group_oa_document_clerk",
    "seal_keeper": "oa_base.group_oa_seal_keeper",
}
ROLES = ("leader", "admin", "liaison", "clerk", "seal_keeper", "user")
UNIT_ROLES = ("leader", "admin", "liaison")


class HrDepartment(models.Model):
    _inherit = "hr.department"

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
            pairs = Users._oa_role_members(role, tuple(sorted(units.ids)))
            users = Users.sudo().browse(user_id for user_id, _unit in pairs)
            # their unit comes with them: callers often split them by unit
            self.env.cache.update(
                users, Users._fields["oa_unit_id"], [unit for _user, unit in pairs]
            )
            return users.with_env(self.env)
        return users.filtered("active").with_env(self.env)

    def _oa_nearest_role_users(self, roles):
        """``{unit_id: users}``: for each unit of ``self``, the holders of
        any of ``roles`` in the unit or, when it has none, in the nearest
        unit above it that has some; empty when nobody up to the top holds
        them.  A fixed number of queries whatever the number of units."""
        units = self.sudo()
        chains = {
            unit.id: [int(i) for i in reversed(unit.parent_path.split("/")[:-1])]
            if unit.parent_path
            else [unit.id]
            for unit in units
        }
        tree = units.browse({i for chain in chains.values() for i in chain})
        Users = self.env["res.users"]
        own = dict.fromkeys(tree.ids, Users)
        for role in roles:
            if role in UNIT_ROLES:  # named on the unit itself
                for unit in tree:
                    own[unit.id] |= unit._oa_role_users(role)
                continue
            holders = tree._oa_role_users(role)
            for unit in tree:
                own[unit.id] |= holders.filtered(
                    lambda u, unit=unit: u.oa_unit_id == unit
                )
        return {
            unit.id: next((own[i] for i in chains[unit.id] if own[i]), Users)
            for unit in units
        }


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    @tools.ormcache("role", "unit_ids")
    def _oa_role_members(self, role, unit_ids):
        """``((user_id, unit_id), …)``: the active users of the units
        ``unit_ids`` who hold the group role ``role`` (or all of them for
        "user").  Every step of every flow asks who its clerks are: cached
        per process, cleared whenever a user's unit, groups or activity, or
        a group's members change (``_get_invalidation_fields``, and the
        writes of ``res.groups``)."""
        domain = [("oa_unit_id", "in", list(unit_ids))]
        if role in ROLE_GROUPS:
            group_id = self.env["ir.model.data"]._xmlid_to_res_id(ROLE_GROUPS[role])
            domain.append(("groups_id", "in", [group_id]))
        users = (
            self.sudo()
            .with_context(active_test=True)
            .search_fetch(domain, ["oa_unit_id"], order="id")
        )
        return tuple((user.id, user.oa_unit_id.id) for user in users)

    @api.model
    @tools.ormcache("xmlid")
    def _oa_group_user_ids(self, xmlid):
        """The active users of the group ``xmlid`` (ids), cached as the
        role holders are (``_oa_role_members``)."""
        group = self.env.ref(xmlid).sudo()
        return tuple(group.users.filtered("active").ids)

    def _oa_is_project(self):
        """Is the user of the project group (推进项目组)?"""
        self.ensure_one()
        return self.has_group("oa_base.group_oa_project")

    def _oa_administered_units(self):
        """The units the user is a system administrator of, with their
        sub-units (archived ones too), as superuser: what he administers."""
        self.ensure_one()
        managed = self.sudo().oa_managed_unit_ids
        if not managed:
            return managed
        return (
            managed.with_context(active_test=False)
            .search([("id", "child_of", managed.ids)])
            .with_context(active_test=True)
        )
