# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The workbench's 待办 shows every OA to-do, whatever the addon that hands
it out (one to-do service, ``oa.todo.mixin`` of oa_base), and 已办 what the
user handled."""

from odoo.tests import tagged

from odoo.addons.oa_hr_holidays.tests.common import OaHrHolidaysCommon


@tagged("post_install", "-at_install")
class TestWorkbenchTodos(OaHrHolidaysCommon):
    def workbench(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["oa.workbench"].with_user(user).get_data(limit=50)

    def test_leave_proxy_to_confirm_is_in_todo_then_done(self):
        """The 确认代办 to-do of an approved leave is an OA to-do: it shows
        in the principal's 待办, he cannot dismiss it, and once he confirms
        it is in his 已办."""
        leave, window = self._approved_with_proxy()
        todo = self.workbench(self.principal)["todo"]["items"]
        mine = [t for t in todo if t["res_model"] == "oa.proxy"]
        self.assertEqual([t["res_id"] for t in mine], window.ids)
        activity = self._todo(leave)
        self.assertTrue(activity.oa_flow)
        self.assertEqual(activity.user_id, self.principal)
        window.with_user(self.principal).action_confirm_proxy()
        data = self.workbench(self.principal)
        self.assertFalse(
            [t for t in data["todo"]["items"] if t["res_model"] == "oa.proxy"]
        )
        self.assertIn(
            ("oa.proxy", window.id),
            {(d["res_model"], d["res_id"]) for d in data["done"]},
        )
        # the proxy does not confirm for his principal: no copy for him
        self.assertFalse(
            [
                t
                for t in self.workbench(self.proxy)["todo"]["items"]
                if t["res_model"] == "oa.proxy"
            ]
        )
