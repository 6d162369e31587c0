# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's demo shows only the group's people and the Chinese holidays:
Odoo's English time-off demo (hr_holidays) is removed at install."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoTimeOff(TransactionCase):
    def setUp(self):
        super().setUp()
        self.demo = self.env.ref("base.module_oa_suite").demo
        self.env = self.env(context=dict(self.env.context, active_test=False))

    def test_no_odoo_time_off_demo(self):
        if not self.demo:
            return
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "hr_holidays"),
                (
                    "model",
                    "in",
                    (
                        "hr.leave",
                        "hr.leave.allocation",
                        "resource.calendar.leaves",
                        "hr.leave.mandatory.day",
                    ),
                ),
            ]
        )
        left = [
            d.complete_name for d in data if self.env[d.model].browse(d.res_id).exists()
        ]
        self.assertEqual(left, [])
        # "Marc Demo: Time Off" and the others' meetings
        meetings = self.env["calendar.event"].search([("res_model", "=", "hr.leave")])
        self.assertFalse(meetings.filtered(lambda m: "Marc Demo" in m.name))
        self.assertEqual(meetings, self.env["hr.leave"].search([]).meeting_id.sudo())
        self.assertFalse(
            self.env["resource.calendar.leaves"].search(
                [("name", "=", "Public Time Off")]
            )
        )
        marc = self.env.ref("hr.employee_qdp")
        self.assertFalse(self.env["hr.leave"].search([("employee_id", "=", marc.id)]))

    def test_group_time_off_and_holidays_stay(self):
        if not self.demo:
            return
        leave = self.env.ref("oa_hr_holidays.hr_leave_zhouzhenghua_demo")
        self.assertEqual(leave.state, "validate")
        self.assertTrue(leave.meeting_id)
        holidays = self.env["resource.calendar.leaves"].search(
            [("resource_id", "=", False), ("holiday_id", "=", False)]
        )
        self.assertTrue(holidays)
        self.assertTrue(all(h.name and not h.name.isascii() for h in holidays))
