# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Vocabulary and guards shared by the training models."""

from odoo.exceptions import UserError

KINDS = [
    ("staff", "Ordinary Staff"),
    ("admin", "System Administrators"),
    ("leader", "Leaders"),
    ("end_user", "End Users"),
]
# organised by the project group; end-user training is organised and
# recorded by the unit administrator of the organising unit (notice 二(二)4)
PROJECT_KINDS = ("staff", "admin", "leader")

RESULTS = [
    ("pending", "Pending"),
    ("passed", "Passed"),
    ("failed", "Failed"),
    ("missed", "Missed the Exam"),
]
RETRAIN_RESULTS = ("failed", "missed")

ATTENDANCE_STATUSES = [
    ("present", "Present"),
    ("late", "Late"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]
ATTENDED = ("present", "late")


def check_protected_fields(records, vals):
    """Refuse, for any non-superuser caller, the fields only the flow
    writes (``records._oa_protected_fields()``), naming them by label."""
    if records.env.su:
        return
    touched = set(vals) & set(records._oa_protected_fields())
    if touched:
        labels = sorted(
            records._fields[name]._description_string(records.env) for name in touched
        )
        raise UserError(
            records.env._(
                "Only the training flow may set %(fields)s (%(model)s).",
                fields=", ".join(labels),
                model=records._description,
            )
        )


def is_project(env):
    return env.su or env.user.has_group("oa_base.group_oa_project")


def managed_units(env):
    """The units the current user administers, with their sub-units."""
    admin_units = env.user.oa_managed_unit_ids
    if not admin_units:
        return env["hr.department"]
    return env["hr.department"].sudo().search([("id", "child_of", admin_units.ids)])
