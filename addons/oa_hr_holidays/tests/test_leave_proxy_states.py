# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OaHrHolidaysCommon


@tagged("post_install", "-at_install")
class TestLeaveProxyStates(OaHrHolidaysCommon):
    """Each move of a leave moves its proxy window."""

    def test_approval_proposes_the_standing_proxy(self):
        self.principal.oa_default_proxy_id = self.proxy
        leave = self._request()
        self.assertFalse(self._windows(leave), "nothing before approval")
        self._approve(leave)
        self.assertEqual(leave.state, "validate")
        window = self._windows(leave)
        self.assertRecordValues(
            window,
            [
                {
                    "user_id": self.principal.id,
                    "proxy_user_id": self.proxy.id,
                    "date_from": leave.date_from,
                    "date_to": leave.date_to,
                    "reason": "leave",
                    "proposal_state": "proposed",
                    "active": False,
                }
            ],
        )
        self.assertEqual(leave.oa_proxy_state, "proposed")
        # one click away: a to-do for the principal on the window...
        self.assertEqual(self._todo(leave).user_id, self.principal)
        self.assertTrue(leave.with_user(self.principal).oa_proxy_to_answer)
        self.assertFalse(leave.with_user(self.hr_officer).oa_proxy_to_answer)
        # ...and not in effect until he confirms
        self.assertEqual(
            self._acting(leave.date_from + timedelta(hours=1)), self.principal
        )

    def test_proxy_named_on_the_request_wins(self):
        self.principal.oa_default_proxy_id = self.proxy
        leave = self._approve(self._request(oa_proxy_user_id=self.other.id))
        self.assertEqual(self._windows(leave).proxy_user_id, self.other)

    def test_confirm_puts_the_proxy_in_charge_for_exactly_the_leave(self):
        leave, window = self._approved_with_proxy(confirm=True)
        self.assertRecordValues(
            window, [{"proposal_state": "confirmed", "active": True}]
        )
        self.assertTrue(window.confirm_date)
        self.assertFalse(self._todo(leave), "the to-do is done")
        second = timedelta(seconds=1)
        self.assertEqual(self._acting(leave.date_from - second), self.principal)
        self.assertEqual(self._acting(leave.date_from), self.proxy)
        self.assertEqual(self._acting(leave.date_to - second), self.proxy)
        self.assertEqual(self._acting(leave.date_to), self.principal)

    def test_refused_leave_cancels_the_window(self):
        leave, window = self._approved_with_proxy(confirm=True)
        leave.with_user(self.hr_officer).action_refuse()
        self.assertRecordValues(
            window, [{"proposal_state": "cancelled", "active": False}]
        )
        self.assertEqual(
            self._acting(leave.date_from + timedelta(hours=1)), self.principal
        )

    def test_cancelled_leave_withdraws_the_proposal(self):
        leave, window = self._approved_with_proxy()
        wizard = (
            self.env["hr.holidays.cancel.leave"]
            .with_user(self.principal)
            .create({"leave_id": leave.id, "reason": "行程取消"})
        )
        wizard.action_cancel_leave()
        self.assertEqual(leave.state, "cancel")
        self.assertRecordValues(
            window, [{"proposal_state": "cancelled", "active": False}]
        )
        self.assertFalse(self._todo(leave), "no to-do left for a cancelled leave")
        # confirming it now is refused
        with self.assertRaises(UserError):
            window.with_user(self.principal).action_confirm_proxy()

    def test_shortened_leave_shortens_the_confirmed_window(self):
        leave, window = self._approved_with_proxy(confirm=True)
        wednesday = self.monday + timedelta(days=2)
        # Odoo moves an approved leave's dates only from its own code paths
        leave.with_context(leave_skip_state_check=True).write(
            {"request_date_to": wednesday}
        )
        self.assertEqual(leave.request_date_to, wednesday)
        self.assertRecordValues(
            window,
            [
                {
                    "date_from": leave.date_from,
                    "date_to": leave.date_to,
                    "proposal_state": "confirmed",
                    "active": True,
                }
            ],
        )
        thursday = self.monday + timedelta(days=3)
        self.assertEqual(self._acting(self._local(wednesday, 10)), self.proxy)
        self.assertEqual(self._acting(self._local(thursday, 10)), self.principal)

    def test_extended_leave_asks_again(self):
        leave, window = self._approved_with_proxy(confirm=True, days=3)
        leave.with_context(leave_skip_state_check=True).write(
            {"request_date_to": self.monday + timedelta(days=4)}
        )
        self.assertRecordValues(
            window,
            [
                {
                    "date_to": leave.date_to,
                    "proposal_state": "proposed",
                    "active": False,
                }
            ],
        )
        self.assertEqual(self._todo(leave).user_id, self.principal)

    def test_leave_split_by_company_time_off_keeps_the_confirmation(self):
        leave, window = self._approved_with_proxy(confirm=True)
        wednesday = self.monday + timedelta(days=2)
        # what the company time off wizard does to the approved leaves it hits
        leave.sudo()._split_leaves(wednesday, wednesday + timedelta(days=1))
        self.assertEqual(leave.state, "refuse")
        self.assertRecordValues(
            window, [{"proposal_state": "cancelled", "active": False}]
        )
        pieces = self.env["hr.leave"].search(
            [("employee_id", "=", leave.employee_id.id), ("state", "=", "validate")],
            order="date_from",
        )
        self.assertEqual(len(pieces), 2)
        windows = self._windows(pieces).sorted("date_from")
        self.assertRecordValues(
            windows,
            [
                {
                    "leave_id": piece.id,
                    "date_from": piece.date_from,
                    "date_to": piece.date_to,
                    "proposal_state": "confirmed",
                    "active": True,
                }
                for piece in pieces
            ],
        )
        self.assertFalse(self._todo(pieces | leave))
        self.assertEqual(self._acting(self._local(self.monday, 10)), self.proxy)
        self.assertEqual(self._acting(self._local(wednesday, 10)), self.principal)
        self.assertEqual(
            self._acting(self._local(wednesday + timedelta(days=1), 10)), self.proxy
        )

    def test_public_holiday_recheck_keeps_the_confirmation(self):
        leave, window = self._approved_with_proxy(confirm=True)
        wednesday = self.monday + timedelta(days=2)
        # A public holiday inside the leave: Odoo puts the leave back to
        # "to approve" and approves it again to recount its days.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "公休日(测试)",
                "calendar_id": leave.resource_calendar_id.id,
                "date_from": self._local(wednesday, 0),
                "date_to": self._local(wednesday, 23),
            }
        )
        self.assertEqual(leave.state, "validate")
        self.assertEqual(leave.number_of_days, 4)
        self.assertRecordValues(
            window,
            [
                {
                    "date_from": leave.date_from,
                    "date_to": leave.date_to,
                    "proposal_state": "confirmed",
                    "active": True,
                }
            ],
        )
        self.assertEqual(len(self._windows(leave)), 1)

    def test_two_level_approval_proposes_at_the_final_validation_only(self):
        self.principal.oa_default_proxy_id = self.proxy
        leave = self._request(leave_type=self.type_both)
        leave.with_user(self.hr_officer).action_approve()
        self.assertEqual(leave.state, "validate1")
        self.assertFalse(self._windows(leave))
        leave.with_user(self.hr_officer).action_validate()
        self.assertEqual(leave.state, "validate")
        self.assertEqual(self._windows(leave).proposal_state, "proposed")

    def test_leave_without_proxy_proposes_nothing(self):
        leave = self._approve(self._request())
        self.assertFalse(self._windows(leave))
        self.assertFalse(
            self.env["oa.proxy"]
            .with_context(active_test=False)
            .search([("user_id", "=", self.principal.id)])
        )
        self.assertFalse(leave.oa_proxy_state)
        bodies = leave.message_ids.mapped("body")
        # written in the employee's language (new users speak Chinese)
        said = ("No proxy was named", "未指定代办人")
        self.assertTrue(any(s in body for s in said for body in bodies), bodies)

    def test_leave_of_a_non_oa_user_proposes_nothing(self):
        self.hr_officer.oa_default_proxy_id = self.proxy
        leave = self._request(user=self.hr_officer)
        leave.sudo().action_approve()
        self.assertEqual(leave.state, "validate")
        self.assertFalse(self._windows(leave))

    def test_declined_proposal_stays_declined(self):
        leave, window = self._approved_with_proxy()
        leave.with_user(self.principal).action_oa_decline_proxy()
        self.assertRecordValues(
            window, [{"proposal_state": "declined", "active": False}]
        )
        self.assertFalse(self._todo(leave))
        # the leave is re-checked (public holiday): no new proposal
        self.env["resource.calendar.leaves"].create(
            {
                "name": "公休日(测试)",
                "calendar_id": leave.resource_calendar_id.id,
                "date_from": self._local(self.monday + timedelta(days=2), 0),
                "date_to": self._local(self.monday + timedelta(days=2), 23),
            }
        )
        self.assertEqual(self._windows(leave), window)
        self.assertEqual(window.proposal_state, "declined")

    def test_new_proxy_on_an_approved_leave_replaces_the_proposal(self):
        leave, window = self._approved_with_proxy()
        leave.with_user(self.hr_officer).write({"oa_proxy_user_id": self.other.id})
        self.assertEqual(window.proposal_state, "cancelled")
        new = self._windows(leave) - window
        self.assertRecordValues(
            new, [{"proxy_user_id": self.other.id, "proposal_state": "proposed"}]
        )

    def test_confirm_from_the_leave(self):
        leave, window = self._approved_with_proxy()
        leave.with_user(self.principal).action_oa_confirm_proxy()
        self.assertRecordValues(
            window, [{"proposal_state": "confirmed", "active": True}]
        )
        self.assertFalse(self._todo(leave))
        self.assertFalse(leave.with_user(self.principal).oa_proxy_to_answer)
