# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Vocabulary and rights helpers shared by the training models."""

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


def is_project(env):
    return env.su or env.user._oa_is_project()


def managed_units(env):
    """The units the current user administers, with their sub-units."""
    return env.user._oa_administered_units()
