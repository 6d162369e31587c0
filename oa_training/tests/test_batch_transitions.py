# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestBatchTransitions(OaTrainingCommon):
    """The enrol actions are called over RPC: their arguments are checked
    before the guard, with a clear error and nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.batch = cls.make_batch("第一批", 2)
        cls.as_project = cls.batch.with_user(cls.project_user)

    def _unknown_id(self, model):
        return self.env[model].search([], order="id desc", limit=1).id + 1000

    def test_enrol_users_refuses_unknown_ids(self):
        missing = self._unknown_id("res.users")
        with self.assertRaisesRegex(UserError, str(missing)):
            self.as_project.action_enrol_users([self.staff_a.id, missing])
        # nobody enrolled: not even the user who exists
        self.assertFalse(self.batch.enrolment_ids)

    def test_enrol_users_refuses_booleans(self):
        # True is an int for Python, not a user id
        with self.assertRaisesRegex(UserError, "list of ids"):
            self.as_project.action_enrol_users([True])
        with self.assertRaisesRegex(UserError, "list of ids"):
            self.as_project.action_enrol_users(self.staff_a.id)
        self.assertFalse(self.batch.enrolment_ids)

    def test_enrol_users_named_twice_enrolled_once(self):
        ids = self.as_project.action_enrol_users([self.staff_a.id, self.staff_a.id])
        self.assertEqual(len(ids), 1)
        self.assertEqual(self.batch.enrolment_ids.user_id, self.staff_a)

    def test_enrol_unit_refuses_wrong_types(self):
        with self.assertRaisesRegex(UserError, "Choose the unit to enrol"):
            self.as_project.action_enrol_unit(True)
        with self.assertRaisesRegex(UserError, "true or false"):
            self.as_project.action_enrol_unit(self.unit_a.id, only_not_passed="no")
        with self.assertRaisesRegex(UserError, "true or false"):
            self.as_project.action_enrol_unit(self.unit_a.id, only_not_passed=1)
        self.assertFalse(self.batch.enrolment_ids)

    def test_enrol_unit_refuses_unknown_unit(self):
        # pins the existing refusal: an unknown id or a department that is
        # not an OA unit
        not_oa = self.env["hr.department"].create({"name": "非OA部门"})
        for unit_id in (self._unknown_id("hr.department"), not_oa.id):
            with self.assertRaisesRegex(UserError, "Choose an OA unit to enrol"):
                self.as_project.action_enrol_unit(unit_id)
        self.assertFalse(self.batch.enrolment_ids)

    def test_transitions_go_through_their_guard(self):
        """action_* → _check_can_* → _do_*: a refused guard writes
        nothing; the guard alone tells whether the button may be used."""
        draft = self.make_batch("第二批", 9, open_it=False)
        as_staff = draft.with_user(self.staff_a)
        with self.assertRaises(UserError):
            draft.with_user(self.project_user)._check_can_close()
        draft.with_user(self.project_user)._check_can_open()
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.project_user).action_open()
        self.assertEqual(draft.state, "open")
        with self.assertRaises(UserError):
            draft.with_user(self.project_user)._check_can_open()
        with self.assertRaises(AccessError):
            as_staff.action_close()
        self.assertEqual(draft.state, "open")
