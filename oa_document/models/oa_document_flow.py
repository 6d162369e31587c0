# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .common import KINDS, STEP_TYPES, selection_label

ROLES = [
    ("leader", "Leader in Charge"),
    ("admin", "Unit Administrators"),
    ("clerk", "Document Clerks"),
    ("seal_keeper", "Seal Keepers"),
]

# Used when a unit has not designed its own flow for a kind of document: the
# issuing unit's leader in charge reviews and signs off, its own clerks and
# seal keeper do the rest.
DEFAULT_STEPS = [
    {"sequence": 10, "step_type": "review", "actor_type": "role", "role": "leader"},
    {"sequence": 20, "step_type": "check", "actor_type": "role", "role": "clerk"},
    {"sequence": 30, "step_type": "sign", "actor_type": "role", "role": "leader"},
    {"sequence": 40, "step_type": "number", "actor_type": "role", "role": "clerk"},
    {"sequence": 50, "step_type": "seal", "actor_type": "role", "role": "seal_keeper"},
    {"sequence": 60, "step_type": "distribute", "actor_type": "role", "role": "clerk"},
]
# Every flow: reviewed (or countersigned), signed off, numbered, sealed and
# distributed.
REQUIRED_STEPS = (
    ("review", "countersign"),
    ("sign",),
    ("number",),
    ("seal",),
    ("distribute",),
)


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
            definitions = []
            leader = {"actor_type": "role", "role": "leader"}
            for step in flow.step_ids:
                try:
                    if step.step_type == "countersign":
                        actors = self.env["res.users"].union(
                            *(
                                step._resolve_actors(leader, unit)
                                for unit in step.countersign_unit_ids
                            )
                        )
                    else:
                        actors = step._resolve_actors(
                            step._as_definition(), flow.unit_id
                        )
                except UserError:
                    actors = self.env["res.users"]  # nobody yet: checked at submit
                definitions.append((step.step_type, actors.ids))
            flow._check_definitions(flow.unit_id, definitions, flow.name)

    @api.model
    def _check_definitions(self, unit, definitions, name=None):
        """``definitions``: (step type, actor ids) of each step of a flow of
        ``unit``.  Every flow keeps its review, sign-off, numbering, seal and
        distribution; one person may not hold every step unless the unit
        allows it (小单位)."""
        name = name or self.env._("of %(unit)s", unit=unit.sudo().name)
        types = {step_type for step_type, _ids in definitions}
        for alternatives in REQUIRED_STEPS:
            if not types & set(alternatives):
                raise ValidationError(
                    self.env._(
                        "The flow %(flow)s has no %(step)s step: every outgoing "
                        "document is reviewed, signed off, numbered, sealed and "
                        "distributed.",
                        flow=name,
                        step=selection_label(
                            self.env["oa.document.flow.step"],
                            "step_type",
                            alternatives[0],
                        ),
                    )
                )
        actor_sets = [set(ids) for _type, ids in definitions]
        common = set.intersection(*actor_sets) if actor_sets else set()
        if common and not unit.sudo().oa_allow_single_actor_flow:
            user = self.env["res.users"].sudo().browse(min(common))
            raise ValidationError(
                self.env._(
                    "In the flow %(flow)s, %(user)s could act at every step: "
                    "name other actors, or let the unit allow one person to hold "
                    "every step.",
                    flow=name,
                    user=user.name,
                )
            )

    # ---- A new flow starts as a copy of the effective one ----

    @api.model
    def _effective_step_commands(self, unit, kind, exclude=None):
        """``step_ids`` commands copying the flow that applies today to
        documents of ``kind`` issued by ``unit`` (the unit's own flow, else
        the nearest parent unit's, else the default flow), ``exclude``
        (the flow being edited) left out."""
        definitions = self.sudo()._get_flow_steps(unit, kind, exclude=exclude)
        return [Command.clear()] + [
            Command.create(self._definition_to_vals(definition))
            for definition in definitions
        ]

    @api.model
    def _definition_to_vals(self, definition):
        return {
            "sequence": definition["sequence"],
            "step_type": definition["step_type"],
            "actor_type": definition.get("actor_type") or "role",
            "user_id": definition.get("user") and definition["user"].id,
            "role": definition.get("role") or False,
            "group_id": definition.get("group") and definition["group"].id,
            "countersign_unit_ids": [
                Command.set(
                    definition["countersign_units"].ids
                    if definition.get("countersign_units")
                    else []
                )
            ],
            "time_limit_hours": definition.get("time_limit_hours") or 24,
        }

    @api.onchange("unit_id", "kind")
    def _onchange_copy_effective_flow(self):
        """A new flow (no step yet) starts as a copy of the effective one."""
        if self.unit_id and self.kind and not self.step_ids:
            self.step_ids = self._effective_step_commands(
                self.unit_id, self.kind, exclude=self._origin
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("step_ids") and vals.get("unit_id"):
                unit = self.env["hr.department"].browse(vals["unit_id"])
                kind = vals.get("kind") or "formal"
                vals["step_ids"] = self._effective_step_commands(unit, kind)
        return super().create(vals_list)

    def action_copy_effective_flow(self):
        """Replace the steps by those of the flow that would apply without
        this one (the parent unit's or the default flow)."""
        for flow in self:
            flow.step_ids = flow._effective_step_commands(
                flow.unit_id, flow.kind, exclude=flow
            )
        return True

    # ---- CRUD: a flow stays in a unit its author manages (Odoo checks the
    # write rule only before writing) ----

    def write(self, vals):
        res = super().write(vals)
        if "unit_id" in vals and not self.env.su:
            self.check_access("write")
        return res

    @api.model
    def _get_flow_steps(self, unit, kind, exclude=None):
        """Step definitions (dicts) for ``unit`` and ``kind``: the unit's own
        flow, else the nearest parent unit's, else the default flow."""
        domain = [("unit_id", "parent_of", unit.id), ("kind", "=", kind)]
        if exclude and exclude.ids:
            domain.append(("id", "not in", exclude.ids))
        flow = self.search_fetch(domain, ["unit_id"])
        flow = flow.sorted(lambda f: len(f.unit_id.parent_path or ""), reverse=True)[:1]
        if flow:
            # the steps and what defines them in one query (``step_ids``)
            steps = self.env["oa.document.flow.step"].search_fetch(
                [("flow_id", "=", flow.id)],
                [
                    "sequence",
                    "step_type",
                    "actor_type",
                    "user_id",
                    "role",
                    "group_id",
                    "time_limit_hours",
                ],
            )
            return [step._as_definition() for step in steps]
        return [dict(step) for step in DEFAULT_STEPS]


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
    group_id = fields.Many2one(
        "res.groups",
        string="Group",
        domain=lambda self: [
            ("category_id", "=", self.env.ref("oa_base.module_category_oa").id)
        ],
        help="An OA role: its members in the unit act at this step.",
    )
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

    def write(self, vals):
        flows = self.flow_id
        res = super().write(vals)
        if "flow_id" in vals and not self.env.su:
            # moved into another flow: it must be one the user may write
            (flows | self.flow_id).check_access("write")
        return res

    @api.constrains("group_id")
    def _check_oa_group(self):
        category = self.env.ref("oa_base.module_category_oa")
        for step in self:
            if step.group_id and step.group_id.category_id != category:
                raise ValidationError(
                    self.env._(
                        "%(group)s is not an OA role: choose one of the "
                        "collaborative office roles.",
                        group=step.group_id.name,
                    )
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
        nobody holds in the unit is looked for in its parent units; a group
        means its members in the unit (or, again, the nearest parent unit
        where it has some): never every member of the company."""
        actor_type = definition["actor_type"]
        if actor_type == "user":
            return definition["user"]
        group = definition["group"] if actor_type == "group" else None
        role = definition["role"]
        unit = unit.sudo()
        if not group:
            users = unit._oa_nearest_role_users((role,)).get(unit.id)
            if users:
                return users.sudo()
        while group and unit:
            users = unit._oa_role_users("user").filtered(lambda u: group in u.groups_id)
            if users:
                return users.sudo()
            unit = unit.parent_id
        raise UserError(
            self.env._(
                "Nobody holds the role %(role)s for this unit or its parent units: "
                "ask the unit administrator to complete the unit's set-up.",
                role=group.name if group else selection_label(self, "role", role),
            )
        )
