# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks generated from the registry: nobody has to remember a new model.

For every model of the suite that inherits ``oa.flow.guard``, as a user of
each OA role (one per group the suite defines), every flow-owned field is
forged through ``create``, through ``default_*`` context keys, through an
import (``load`` updating a record by its database id) and through
``write``: each attempt is refused or leaves nothing forged.  Every ``oa.*``
model with a state, a number or a hash must inherit the guard.  Every report
of the suite is asked, by each role, for a record he cannot read: refused
before anything is rendered."""

import logging
from datetime import date, datetime

from odoo import models
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.oa_base.tests.common import OaBaseCommon

_logger = logging.getLogger(__name__)

GUARD = "oa.flow.guard"


class _RolledBack(Exception):
    """Undoes an attempt's savepoint once it has been checked."""


# a field of one of these names moves with a flow: its model needs the guard
FLOW_NAMES = ("state", "number")
FLOW_SUFFIXES = ("_hash",)
# prints of records every OA user may read: nobody to refuse (通报批评 is public)
PUBLIC_REPORTS = {"oa_assessment.report_assessment_criticism"}
SKIPPED_TYPES = ("binary", "many2one_reference", "reference", "properties", "json")


def guarded_models(env):
    guard = env.registry[GUARD]
    return sorted(
        name
        for name, cls in env.registry.items()
        if name != GUARD
        and not cls._abstract
        and not cls._transient
        and issubclass(cls, guard)
    )


@tagged("post_install", "-at_install")
class TestFlowAttacks(OaBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = cls.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "=like", "oa\\_%")]
        )
        # per role, a person of the demo company who holds it (he has records
        # of his own to attack) or, without demo data, a new one
        cls.roles = cls.env["res.users"]
        for data in groups.sorted("complete_name"):
            group = cls.env.ref(data.complete_name)
            holder = cls.env["res.users"].search(
                [
                    ("groups_id", "in", group.ids),
                    ("oa_unit_id", "!=", False),
                    ("share", "=", False),
                    ("id", "not in", (cls.env.ref("base.user_admin") | cls.roles).ids),
                ],
                limit=1,
                order="id",
            )
            cls.roles |= holder or new_test_user(
                cls.env,
                login="attack_" + data.name,
                groups=f"base.group_user,oa_base.group_oa_user,{data.complete_name}",
                oa_unit_id=cls.unit_a.id,
                tz="Asia/Shanghai",
            )
        cls.roles |= cls.staff_a | cls.staff_b

    # ---- helpers ----

    def _forged(self, record, name):
        """A value for field ``name`` that the flow would not give a new or
        an existing ``record``, or None when there is none to try."""
        field = record._fields[name]
        current = record.sudo()[name]
        if field.type in SKIPPED_TYPES:
            return None
        if field.type == "selection":
            values = [
                value
                for value, _label in field._description_selection(self.env)
                if value not in (current, field.default and field.default(record))
            ]
            return values[-1] if values else None
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id or None
        if field.type in ("one2many", "many2many"):
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
            )
            return [Command.link(other.id)] if other else None
        return {
            "date": "2020-01-01",
            "datetime": "2020-01-01 00:00:00",
            "integer": 4242,
            "float": 4242.0,
            "monetary": 4242.0,
            "boolean": not current,
            "char": "forged",
            "text": "forged",
            "html": "<p>forged</p>",
        }.get(field.type)

    def _same(self, record, name, value):
        """Whether ``record`` (read fresh, as superuser) holds ``value`` in
        ``name``."""
        field = record._fields[name]
        stored = record.sudo()[name]
        if field.type == "many2one":
            return stored.id == value
        if field.type in ("one2many", "many2many"):
            return value[0][1] in stored.ids
        if field.type == "date":
            return stored == date(2020, 1, 1)
        if field.type == "datetime":
            return stored == datetime(2020, 1, 1)
        if field.type == "html":
            return "forged" in (stored or "")
        return stored == value

    def _base_vals(self, Model, template):
        """Values of a plausible new record: an existing one's copy without
        its flow fields and relations to other records' children."""
        if not template:
            return {}
        vals = template.sudo().copy_data()[0]
        protected = Model._oa_protected_fields()
        return {
            name: value
            for name, value in vals.items()
            if name not in protected
            and Model._fields[name].type not in ("one2many", "many2many")
        }

    def _try(self, func, *args, **kwargs):
        """``func(*args, **kwargs)`` in a savepoint that is always rolled
        back (``func`` checks what it needs before): its result, or None when
        it was refused (any error)."""
        outcome = []
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                outcome.append(func(*args, **kwargs))
                self.env.flush_all()
                raise _RolledBack
        except _RolledBack:
            pass
        except Exception:  # noqa: BLE001 — any refusal is what we want
            outcome.clear()
        self.env.invalidate_all()
        return outcome[0] if outcome else None

    # ---- the guard covers the suite ----

    def test_every_flow_model_has_the_guard(self):
        guarded = set(guarded_models(self.env))
        missing = []
        for name, cls in self.env.registry.items():
            if not name.startswith("oa.") or cls._abstract or cls._transient:
                continue
            if not cls._auto:  # a read-only SQL view
                continue
            flow = [
                fname
                for fname, field in cls._fields.items()
                if field.store
                and (fname in FLOW_NAMES or fname.endswith(FLOW_SUFFIXES))
            ]
            if flow and name not in guarded:
                missing.append(f"{name} ({', '.join(flow)})")
        self.assertFalse(missing, "models with flow fields but no oa.flow.guard")
        self.assertGreaterEqual(len(guarded), 15)

    def test_flow_fields_are_declared(self):
        """On a guarded model, a stored field that the user interface never
        lets anyone type (readonly, neither computed nor related) or that is
        named like a flow field is one of its flow fields."""
        undeclared = []
        for name in guarded_models(self.env):
            if not name.startswith("oa."):
                continue  # Odoo's models guarded for a field of ours
            Model = self.env[name]
            protected = Model._oa_protected_fields()
            for fname, field in Model._fields.items():
                if not field.store or fname in models.MAGIC_COLUMNS:
                    continue
                if fname.startswith(("message_", "activity_")):
                    continue
                flowish = fname in FLOW_NAMES or fname.endswith(FLOW_SUFFIXES)
                typed_by_nobody = (
                    field.readonly and not field.compute and not field.related
                )
                if (flowish or typed_by_nobody) and fname not in protected:
                    undeclared.append(f"{name}.{fname}")
        self.assertFalse(undeclared, "flow fields missing from _oa_flow_fields")

    # ---- forging ----

    def test_create_with_flow_values_is_refused(self):
        forged_any = 0
        for name in guarded_models(self.env):
            Model = self.env[name]
            template = Model.sudo().search([], limit=1, order="id desc")
            base = self._base_vals(Model, template)
            count = Model.sudo().search_count([])
            for user in self.roles:
                Mine = Model.with_user(user)
                can_create = bool(self._try(self._create_ids, Mine, base))
                for field_name in sorted(Model._oa_protected_fields()):
                    value = self._forged(Model.browse(), field_name)
                    if value is None:
                        continue
                    record = self._try(
                        self._create_ids, Mine, dict(base, **{field_name: value})
                    )
                    self.assertFalse(
                        record,
                        f"{user.login} created {name} with {field_name}={value!r}",
                    )
                    forged_any += can_create
                    if not can_create:
                        break  # he cannot create at all: one try is enough
            self.assertEqual(Model.sudo().search_count([]), count, name)
        self.assertTrue(forged_any, "no role could create any guarded model")

    @staticmethod
    def _create_ids(Model, vals):
        return Model.create(dict(vals)).ids

    def _create_with_defaults(self, Model, user, base, forged):
        """Create as ``user`` without, then with a ``default_*`` key per
        forged field: the fields that took the forged value from the key
        (both records are rolled back with the savepoint)."""
        Mine = Model.with_user(user)
        plain = Mine.create(dict(base))
        context = {f"default_{k}": v for k, v in forged.items()}
        record = Mine.with_context(**context).create(dict(base))
        self.env.flush_all()
        self.env.invalidate_all()
        return [
            k
            for k, v in forged.items()
            if self._same(record, k, v) and not self._same(plain, k, v)
        ]

    def test_default_keys_do_not_reach_flow_fields(self):
        tried = 0
        for name in guarded_models(self.env):
            Model = self.env[name]
            template = Model.sudo().search([], limit=1, order="id desc")
            base = self._base_vals(Model, template)
            forged = {
                field_name: self._forged(Model.browse(), field_name)
                for field_name in Model._oa_protected_fields()
            }
            forged = {k: v for k, v in forged.items() if v is not None}
            for user in self.roles:
                for key, value in forged.items():
                    stuck = self._try(
                        self._create_with_defaults, Model, user, base, {key: value}
                    )
                    if stuck is None:
                        continue  # refused
                    tried += 1
                    self.assertEqual(
                        stuck, [], f"{user.login}: default_{key} stuck on {name}"
                    )
        self.assertTrue(tried, "no role could create any guarded model")

    def _write_sticks(self, record, name, value):
        record.write({name: value})
        self.env.flush_all()
        self.env.invalidate_all()
        return self._same(record, name, value)

    def _import_sticks(self, record, name, value):
        record.load([".id", name], [[str(record.id), value]])
        self.env.flush_all()
        self.env.invalidate_all()
        return self._same(record, name, value)

    def test_write_and_import_of_flow_fields_is_refused(self):
        tried = 0
        for name in guarded_models(self.env):
            Model = self.env[name]
            candidates = Model.sudo().search([], limit=100, order="id desc")
            if not candidates:
                continue
            for user in self.roles:
                # one he may write if there is one: only the guard stops him
                record = next(
                    (c for c in candidates if c.with_user(user).has_access("write")),
                    candidates[0],
                )
                mine = record.with_user(user)
                writable = mine.has_access("write")
                for field_name in sorted(Model._oa_protected_fields()):
                    field = Model._fields[field_name]
                    value = self._forged(record, field_name)
                    if value is None:
                        continue
                    self.assertFalse(
                        self._try(self._write_sticks, mine, field_name, value),
                        f"{user.login} wrote {name}.{field_name}",
                    )
                    if field.type in ("selection", "char", "date", "datetime"):
                        self.assertFalse(
                            self._try(self._import_sticks, mine, field_name, value),
                            f"{user.login} imported {name}.{field_name}",
                        )
                    tried += writable
                    if not writable:
                        break
        self.assertTrue(tried, "no role could write any guarded record")

    # ---- prints are reads ----

    def test_reports_refuse_records_the_user_cannot_read(self):
        reports = self.env["ir.actions.report"].search([("model", "=like", "oa.%")])
        self.assertTrue(reports)
        attacked = set()
        for report in reports:
            Model = self.env[report.model]
            everything = Model.sudo().search([])
            if not everything and Model._transient:
                everything = Model.sudo().create({})
            for user in self.roles:
                readable = (
                    Model.with_user(user).search([])
                    if Model.with_user(user).has_access("read")
                    else Model.browse()
                )
                unreadable = everything - readable
                if not unreadable:
                    continue
                Report = (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    .with_context(active_model=report.model)
                )
                with self.assertRaises(AccessError, msg=f"{user.login}: {report.name}"):
                    Report._render(report.report_name, unreadable[:1].ids)
                attacked.add(report.report_name)
        # every report, not only the most numerous, was asked for what its
        # requester may not read
        self.assertEqual(attacked, set(reports.mapped("report_name")) - PUBLIC_REPORTS)
