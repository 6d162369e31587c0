# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .common import KINDS, STEP_TYPES, selection_label

ROLES = [
    ("leader", "Leader in Charge"),
    ("admins", "Unit Administrators"),
    ("clerk", "Document Clerks"),
    ("seal_keeper", "Seal Keepers"),
]
ROLE_GROUPS = {
    "clerk": "oa_base.group_oa_document_clerk",
    "seal_keeper": "oa_base.group_oa_seal_keeper",
}

# Used when a unit has not designed its own flow for a kind of document.
DEFAULT_STEPS = [
    {"sequence": 10, "step_type": "review", "actor_type": "role", "role": "leader"},
    {"sequence": 20, "step_type": "check", "actor_type": "role", "role": "clerk"},
    {
        "sequence": 30,
        "step_type": "sign",
        "actor_type": "group",
        "group_xmlid": "oa_base.group_oa_leader",
    },
    {"sequence": 40, "step_type": "number", "actor_type": "role", "role": "clerk"},
    {"sequence": 50, "step_type": "seal", "actor_type": "role", "role": "seal_keeper"},
    {"sequence": 60, "step_type": "distribute", "actor_type": "role", "role": "clerk"},
]


class OaDocumentFlow(models.Model):
    """The outgoing flow a unit designs for one kind of document
    (各单位系统管理员完成本单位内部流程的设计、设置)."""

    _name = "oa.document.flow"
    _description = "Document Flow"
    _inherit = ["mail.thread"]
    _order = "unit_id, kind"

    name = fields.Char(required=True, translate=True, tracking=True)
    unit_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        domain=[("is_oa_unit", "=", True)],
        default=lambda self: self.env.user.oa_unit_id,
        tracking=True,
    )
    kind = fields.Selection(KINDS, required=True, default="formal", tracking=True)
    active = fields.Boolean(default=True)
    step_ids = fields.One2many(
        "oa.document.flow.step", "flow_id", string="Steps", copy=True
    )

    def init(self):
        # one active flow per unit and kind (archived ones are kept as history)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS oa_document_flow_unit_kind_active_uniq
                ON oa_document_flow (unit_id, kind) WHERE active
            """
        )

    @api.constrains("step_ids")
    def _check_steps(self):
        for flow in self:
            types = flow.step_ids.mapped("step_type")
            for required in ("sign", "number", "distribute"):
                if required not in types:
                    raise ValidationError(
                        self.env._(
                            "The flow %(flow)s has no %(step)s step: every outgoing "
                            "document must be signed off, numbered and distributed.",
                            flow=flow.name,
                            step=selection_label(
                                self.env["oa.document.flow.step"], "step_type", required
                            ),
                        )
                    )

    @api.model
    def _get_flow_steps(self, unit, kind):
        """Step definitions (dicts) for ``unit`` and ``kind``: the unit's own
        flow, else the nearest parent unit's, else the default flow."""
        flow = self.search(
            [("unit_id", "parent_of", unit.id), ("kind", "=", kind)],
        )
        flow = flow.sorted(lambda f: len(f.unit_id.parent_path or ""), reverse=True)[:1]
        if flow:
            return [step._as_definition() for step in flow.step_ids]
        steps = []
        for step in DEFAULT_STEPS:
            step = dict(step)
            xmlid = step.pop("group_xmlid", None)
            if xmlid:
                step["group"] = self.env.ref(xmlid)
            steps.append(step)
        return steps


class OaDocumentFlowStep(models.Model):
    _name = "oa.document.flow.step"
    _description = "Document Flow Step"
    _order = "flow_id, sequence, id"

    flow_id = fields.Many2one("oa.document.flow", required=True, ondelete="cascade")
    sequence = fields.Integer(
        default=10,
        help="Steps with the same sequence run in parallel (e.g. countersigns).",
    )
    step_type = fields.Selection(STEP_TYPES, required=True)
    actor_type = fields.Selection(
        [("user", "User"), ("role", "Unit Role"), ("group", "Group")],
        required=True,
        default="role",
    )
    user_id = fields.Many2one("res.users", string="User")
    role = fields.Selection(ROLES)
    group_id = fields.Many2one("res.groups", string="Group")
    countersign_unit_ids = fields.Many2many(
        "hr.department",
        string="Countersigning Units",
        domain=[("is_oa_unit", "=", True)],
        help="Each unit countersigns in parallel, by its leader in charge.",
    )
    time_limit_hours = fields.Integer(
        string="Time Limit (hours)",
        default=24,
        help="A step still open after this time is overdue.",
    )

    @api.constrains("actor_type", "user_id", "role", "group_id", "step_type")
    def _check_actor(self):
        for step in self:
            if step.step_type == "countersign":
                if not step.countersign_unit_ids:
                    raise ValidationError(
                        self.env._("A countersign step needs countersigning units.")
                    )
                continue
            missing = {
                "user": not step.user_id,
                "role": not step.role,
                "group": not step.group_id,
            }[step.actor_type]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Step %(seq)s of flow %(flow)s: choose who acts (a user, a "
                        "unit role or a group).",
                        seq=step.sequence,
                        flow=step.flow_id.name,
                    )
                )

    def _as_definition(self):
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "step_type": self.step_type,
            "actor_type": self.actor_type,
            "user": self.user_id,
            "role": self.role,
            "group": self.group_id,
            "countersign_units": self.countersign_unit_ids,
            "time_limit_hours": self.time_limit_hours,
        }

    @api.model
    def _resolve_actors(self, definition, unit):
        """Users who act at a step for a document of ``unit``.  A role that
        nobody holds in the unit is looked for in its parent units."""
        Users = self.env["res.users"].sudo()
        actor_type = definition["actor_type"]
        if actor_type == "user":
            return definition["user"]
        if actor_type == "group":
            return definition["group"].sudo().users.filtered("active")
        role = definition["role"]
        while unit:
            if role == "leader":
                users = unit.oa_leader_id
            elif role == "admins":
                users = unit.oa_admin_ids
            else:
                group = self.env.ref(ROLE_GROUPS[role])
                users = Users.search(
                    [("oa_unit_id", "=", unit.id), ("groups_id", "in", group.ids)]
                )
            if users:
                return users
            unit = unit.parent_id
        raise UserError(
            self.env._(
                "Nobody holds the role %(role)s for this unit or its parent units: "
                "ask the unit administrator to complete the unit's set-up.",
                role=selection_label(self, "role", role),
            )
        )
