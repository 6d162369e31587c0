# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaHrHolidaysCommon


@tagged("post_install", "-at_install")
class TestLeaveProxyAccess(OaHrHolidaysCommon):
    """Only the principal answers his proposal; only the flow moves it."""

    def _assert_unchanged(self, window, values):
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(window.sudo(), [values])

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_only_the_principal_confirms(self):
        leave, window = self._approved_with_proxy()
        for intruder in (self.proxy, self.other, self.admin_b):
            with self.subTest(user=intruder.login):
                with self.assertRaises(UserError):
                    window.with_user(intruder).action_confirm_proxy()
                with self.assertRaises(UserError):
                    window.with_user(intruder).action_decline_proxy()
        # the time off officer sees the leave, not the principal's answer
        with self.assertRaises(UserError):
            leave.with_user(self.hr_officer).action_oa_confirm_proxy()
        self._assert_unchanged(window, {"proposal_state": "proposed", "active": False})
        self.assertEqual(
            self._acting(leave.date_from + timedelta(hours=1)), self.principal
        )
        # the project group may answer for him
        window.with_user(self.project_user).action_confirm_proxy()
        self.assertEqual(window.proposal_state, "confirmed")

    @mute_logger("odoo.models")
    def test_the_flow_fields_cannot_be_written(self):
        leave, window = self._approved_with_proxy()
        as_principal = window.with_user(self.principal)
        for vals in (
            {"active": True},
            {"proposal_state": "confirmed"},
            {"confirm_date": "2026-01-01 00:00:00"},
            {"date_to": leave.date_to + timedelta(days=10)},
            {"proxy_user_id": self.other.id},
            {"leave_id": False},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(
                    UserError, "time off flow|only be set by its flow"
                ):
                    as_principal.write(vals)
        with self.assertRaises(UserError):
            as_principal.unlink()
        self._assert_unchanged(
            window,
            {
                "proposal_state": "proposed",
                "active": False,
                "date_to": leave.date_to,
                "proxy_user_id": self.proxy.id,
                "leave_id": leave.id,
            },
        )
        # a confirmed window follows its leave, not the pen
        as_principal.action_confirm_proxy()
        with self.assertRaisesRegex(UserError, "time off flow"):
            as_principal.write({"date_to": leave.date_to + timedelta(days=10)})
        self._assert_unchanged(window, {"date_to": leave.date_to, "active": True})

    @mute_logger("odoo.models")
    def test_a_window_cannot_be_forged_for_a_leave(self):
        leave = self._approve(self._request())
        Proxy = self.env["oa.proxy"].with_user(self.principal)
        base = {
            "user_id": self.principal.id,
            "proxy_user_id": self.proxy.id,
            "date_from": leave.date_from,
            "date_to": leave.date_to,
        }
        for weeks, extra in enumerate(
            (
                {"leave_id": leave.id},
                {"proposal_state": "proposed"},
                {"confirm_date": "2026-01-01 00:00:00"},
            ),
            start=1,
        ):
            # each attempt on its own dates: no overlap error may hide it
            shift = timedelta(weeks=weeks)
            vals = dict(
                base,
                date_from=leave.date_from + shift,
                date_to=leave.date_to + shift,
                **extra,
            )
            with self.subTest(extra=extra):
                with self.assertRaisesRegex(UserError, "only be set by its flow"):
                    Proxy.create(vals)
        self.env.flush_all()
        self.assertFalse(
            self.env["oa.proxy"]
            .with_context(active_test=False)
            .search([("user_id", "=", self.principal.id)])
        )
        # a window he names himself still works as in oa_base
        own = Proxy.create(base)
        self.assertEqual(own.proposal_state, "confirmed")

    def test_proxy_on_the_request_must_be_a_colleague(self):
        with self.assertRaises(ValidationError):
            self._request(oa_proxy_user_id=self.principal.id)
        portal = self.env["res.users"].create(
            {
                "name": "门户",
                "login": "oa_portal_x",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(ValidationError):
            self._request(oa_proxy_user_id=portal.id)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_standing_proxy_is_set_by_the_user_himself(self):
        self.principal.with_user(self.principal).write(
            {"oa_default_proxy_id": self.proxy.id}
        )
        self.assertEqual(self.principal.oa_default_proxy_id, self.proxy)
        with self.assertRaises(ValidationError):
            self.principal.with_user(self.principal).write(
                {"oa_default_proxy_id": self.principal.id}
            )
        with self.assertRaises(AccessError):
            self.principal.with_user(self.other).write(
                {"oa_default_proxy_id": self.other.id}
            )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.principal.oa_default_proxy_id, self.proxy)
