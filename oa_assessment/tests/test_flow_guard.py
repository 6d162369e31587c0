# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Only the flow moves a record: every model of the addon with fields its
flow owns uses the one guard (``oa.flow.guard``) — no ``default_*`` key,
personal default, create vals, import or write of any role sets them."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MONTH, OaAssessmentCommon

REFUSED = "can only be set by its flow"
MAIL_PREFIXES = ("message_", "activity_", "website_message", "rating_")
TASK_FLOW_FIELDS = {"state", "date_done", "date_event", "date_deadline"}
# what a user writes on a record the flow otherwise keeps
FREE_FIELDS = {"oa.assessment": {"review_note"}}


@tagged("post_install", "-at_install")
class TestFlowGuard(OaAssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.only_rules("team", "commendation")
        assessments = cls.Assessment._oa_assess_month(MONTH, cls.units)
        # unit B fails (no leader): approved, it is on the criticism list;
        # unit A (commended) stays under review
        cls.result_a = assessments.filtered(lambda a: a.unit_id == cls.unit_a)
        cls.result_b = assessments.filtered(lambda a: a.unit_id == cls.unit_b)
        cls.result_b.with_user(cls.project_user).action_approve()
        cls.criticism = cls.result_b.criticism_id
        cls.line_a = cls.result_a.line_ids[0]
        cls.line_a.with_user(cls.project_user)._oa_adjust(150.0, "核实后调整")
        cls.adjustment = cls.line_a.sudo().adjustment_ids
        cls.snapshot = (
            cls.env["oa.usage.snapshot"]
            ._oa_compute_month(MONTH, units=cls.unit_a, date_to=date(2025, 3, 31))
            .filtered(lambda s: s.unit_id == cls.unit_a)
        )
        cls.visit = (
            cls.env["oa.visit"]
            .sudo()
            .create(
                {
                    "user_id": cls.staff_a.id,
                    "unit_id": cls.unit_a.id,
                    "datetime": datetime(2025, 3, 3, 1, 0),
                    "kind": "login",
                }
            )
        )
        cls.phase = cls.env["oa.rollout.phase"].create(
            {
                "name": "培训与系统配置阶段",
                "date_start": date(2025, 5, 26),
                "date_end": date(2025, 6, 30),
            }
        )
        cls.task = (
            cls.env["oa.rollout.task"]
            .with_user(cls.admin_a1)
            .create(cls.task_vals("完成用户、权限、栏目设置"))
        )
        cls.roles = {user.login: user for user in cls.every_role}

    @classmethod
    def task_vals(cls, name, **vals):
        return dict(
            {
                "name": name,
                "phase_id": cls.phase.id,
                "unit_id": cls.unit_a.id,
                "user_id": cls.staff_a.id,
                "deadline_type": "fixed",
                "date_fixed": date(2025, 6, 6),
            },
            **vals,
        )

    # ---- helpers ----

    def records(self):
        """One record of each model of the addon whose flow owns fields."""
        return [
            self.task,
            self.result_a,
            self.line_a,
            self.adjustment,
            self.criticism,
            self.visit,
            self.snapshot,
        ]

    def flow_fields(self, record):
        """What only the flow writes: the task's status, done date and
        computed deadline; every stored field of the other records (the
        chatter's apart, and the project group's review note)."""
        if record._name == "oa.rollout.task":
            return sorted(TASK_FLOW_FIELDS)
        return sorted(
            name
            for name, field in record._fields.items()
            if field.store
            and name not in MAGIC_COLUMNS
            and not name.startswith(MAIL_PREFIXES)
            and name not in FREE_FIELDS.get(record._name, ())
        )

    def forged(self, record, name):
        """A value for ``name`` other than the record's."""
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type == "many2one":
            return (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
                .id
            )
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        if field.type == "selection":
            values = field.get_values(self.env)
            return next((v for v in values if v != current), values[0])
        if field.type == "boolean":
            return not current
        if field.type in ("integer", "float"):
            return 99
        if field.type == "date":
            return "2030-01-01"
        if field.type == "datetime":
            return "2030-01-01 00:00:00"
        return "伪造"

    def stored(self, record, names):
        """What is in the database, read as superuser."""
        self.env.flush_all()
        self.env.invalidate_all()
        record = record.sudo()
        return {name: record[name] for name in names}

    def assertRefused(self, msg, call, *args):
        """``call(*args)`` raises the guard's error (not an access error,
        which is a UserError too)."""
        with self.assertRaises(UserError, msg=msg) as caught:
            call(*args)
        self.assertIs(type(caught.exception), UserError, msg)
        self.assertIn(REFUSED, str(caught.exception), msg)

    # ---- the models and their fields ----

    def test_every_flow_field_is_guarded(self):
        guard = self.env.registry["oa.flow.guard"]
        for record in self.records():
            self.assertIsInstance(record, guard, record._name)
            protected = set(record._oa_protected_fields())
            self.assertLessEqual(set(self.flow_fields(record)), protected, record._name)
        self.assertEqual(set(self.task._oa_protected_fields()), TASK_FLOW_FIELDS)

    # ---- default_* keys and personal defaults ----

    def test_reproduction_cancelled_task_with_forged_date(self):
        """The project group creates a task with ``default_state`` cancel
        and a ``default_date_done``: it is created open, not done."""
        Task = self.env["oa.rollout.task"].with_user(self.project_user)
        task = Task.with_context(
            default_state="cancel", default_date_done="2020-01-01"
        ).create(self.task_vals("上下文伪造"))
        self.assertEqual(
            self.stored(task, ["state", "date_done"]),
            {"state": "open", "date_done": False},
        )

    def test_default_keys_do_not_stick(self):
        """Every flow field, with a ``default_*`` key, for every role: the
        defaults are those without the keys."""
        for record in self.records():
            names = self.flow_fields(record)
            context = {f"default_{name}": self.forged(record, name) for name in names}
            for login, user in self.roles.items():
                Model = self.env[record._name].with_user(user)
                self.assertEqual(
                    Model.with_context(**context).default_get(names),
                    Model.default_get(names),
                    f"{record._name} {login}",
                )

    def test_default_keys_do_not_stick_at_create(self):
        """A unit administrator and the project group create tasks with
        every flow field in ``default_*`` keys: open, no date, the
        deadline of the rule."""
        context = {
            "default_state": "done",
            "default_date_done": "2020-01-01",
            "default_date_event": "2020-01-01",
            "default_date_deadline": "2030-01-01",
        }
        for user in (self.admin_a1, self.project_user):
            task = (
                self.env["oa.rollout.task"]
                .with_user(user)
                .with_context(**context)
                .create(self.task_vals(f"默认值伪造 {user.login}"))
            )
            self.assertEqual(
                self.stored(task, self.flow_fields(task)),
                {
                    "state": "open",
                    "date_done": False,
                    "date_event": False,
                    "date_deadline": date(2025, 6, 6),
                },
                user.login,
            )

    def test_personal_defaults_do_not_apply(self):
        Default = self.env["ir.default"].sudo()
        Default.set("oa.rollout.task", "state", "cancel", user_id=self.project_user.id)
        Default.set(
            "oa.rollout.task", "date_done", "2020-01-01", user_id=self.project_user.id
        )
        task = (
            self.env["oa.rollout.task"]
            .with_user(self.project_user)
            .create(self.task_vals("个人默认值伪造"))
        )
        self.assertEqual(
            self.stored(task, ["state", "date_done"]),
            {"state": "open", "date_done": False},
        )

    # ---- create vals ----

    def test_create_vals_refused(self):
        """Each flow field of a task in the vals, by each role: refused,
        nothing created; the initial value is accepted."""
        Task = self.env["oa.rollout.task"]
        for name in self.flow_fields(self.task):
            for login, user in self.roles.items():
                title = f"伪造 {name} {login}"
                vals = self.task_vals(title, **{name: self.forged(self.task, name)})
                self.assertRefused(f"{name} {login}", Task.with_user(user).create, vals)
                self.env.flush_all()
                self.env.invalidate_all()
                self.assertFalse(Task.sudo().search_count([("name", "=", title)]))
        task = Task.with_user(self.admin_a1).create(
            self.task_vals("初始状态", state="open", date_done=False)
        )
        self.assertEqual(task.sudo().state, "open")

    def test_create_through_a_parent_refused(self):
        """x2many commands of a parent create no finding, adjustment or
        criticised unit."""
        Line = self.env["oa.assessment.line"].sudo()
        lines, adjustments = Line.search_count([]), len(self.line_a.adjustment_ids)
        for user in (self.project_user, self.admin_a1, self.finance):
            self.assertRefused(
                user.login,
                self.result_a.with_user(user).write,
                {
                    "line_ids": [
                        Command.create(
                            {
                                "rule_id": self.rule("team").id,
                                "kind": "reward",
                                "role": "admin",
                                "key": "forged",
                                "amount": 10000.0,
                            }
                        )
                    ]
                },
            )
            self.assertRefused(
                user.login,
                self.line_a.with_user(user).write,
                {
                    "adjustment_ids": [
                        Command.create(
                            {"reason": "伪造", "user_id": user.id, "amount_after": 1}
                        )
                    ]
                },
            )
            self.assertRefused(
                user.login,
                self.criticism.with_user(user).write,
                {"unit_ids": [Command.link(self.unit_a.id)]},
            )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Line.search_count([]), lines)
        self.assertEqual(len(self.line_a.sudo().adjustment_ids), adjustments)
        self.assertEqual(self.criticism.sudo().unit_ids, self.unit_b)

    # ---- writes ----

    def test_writes_refused_for_every_role(self):
        """Each flow field of each model written by each role of the
        addon's tests: refused, nothing written."""
        for record in self.records():
            names = self.flow_fields(record)
            before = self.stored(record, names)
            for name in names:
                value = self.forged(record, name)
                for login, user in self.roles.items():
                    self.assertRefused(
                        f"{record._name}.{name} {login}",
                        record.with_user(user).write,
                        {name: value},
                    )
            self.assertEqual(self.stored(record, names), before, record._name)

    def test_transitions_still_move_the_records(self):
        """The flow writes as superuser after its checks: the buttons work
        for the roles they are for, and the review note stays writable."""
        task = self.task.with_user(self.staff_a)
        task.action_done()
        self.assertEqual(self.task.sudo().state, "done")
        self.task.with_user(self.admin_a1).action_reopen()
        self.assertEqual(
            self.stored(self.task, ["state", "date_done"]),
            {"state": "open", "date_done": False},
        )
        self.result_a.with_user(self.project_user).review_note = "核实中"
        self.result_a.with_user(self.project_user).action_approve()
        self.assertEqual(self.result_a.sudo().state, "approved")
        self.assertTrue(self.result_a.sudo().number)

    # ---- import ----

    @mute_logger("odoo.models", "odoo.sql_db")
    def test_import_refused(self):
        """``load`` (the import) neither creates a task with a flow field
        nor updates a flow field of an existing record, for any role (the
        guard refuses whoever reads the record; the others cannot even
        find it)."""
        Task = self.env["oa.rollout.task"]
        for login, user in self.roles.items():
            title = f"导入伪造 {login}"
            result = Task.with_user(user).load(
                [
                    "name",
                    "phase_id/.id",
                    "unit_id/.id",
                    "deadline_type",
                    "date_fixed",
                    "state",
                    "date_done",
                ],
                [
                    [
                        title,
                        str(self.phase.id),
                        str(self.unit_a.id),
                        "fixed",
                        "2025-06-06",
                        "cancel",
                        "2020-01-01",
                    ]
                ],
            )
            self.assertFalse(result["ids"], login)
            self.assertTrue(
                any(REFUSED in m["message"] for m in result["messages"]), login
            )
            self.env.flush_all()
            self.env.invalidate_all()
            self.assertFalse(Task.sudo().search_count([("name", "=", title)]))
        updates = {
            self.task: ("state", "cancel"),
            self.result_a: ("state", "approved"),
            self.line_a: ("amount", "9999"),
            self.adjustment: ("reason", "伪造"),
            self.criticism: ("number", "通报〔2025〕999号"),
            self.visit: ("kind", "return"),
            self.snapshot: ("rate_a", "9.0"),
        }
        checked = set()
        for record, (name, value) in updates.items():
            before = self.stored(record, [name])
            for login, user in self.roles.items():
                if not record.with_user(user).has_access("read"):
                    continue  # he does not find it: refused before the guard
                result = (
                    self.env[record._name]
                    .with_user(user)
                    .with_context(lang="en_US")
                    .load([".id", name], [[str(record.id), value]])
                )
                self.assertFalse(result["ids"], f"{record._name} {login}")
                self.assertTrue(
                    any(REFUSED in m["message"] for m in result["messages"]),
                    f"{record._name} {login}: {result['messages']}",
                )
                checked.add(record._name)
            self.assertEqual(self.stored(record, [name]), before, record._name)
        # each model was updated by someone who reads it, and refused
        self.assertEqual(checked, {record._name for record in updates})
