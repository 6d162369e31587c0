# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import MO, relativedelta

from odoo.tests import new_test_user

from odoo.addons.oa_base.tests.common import OaBaseCommon


class OaHrHolidaysCommon(OaBaseCommon):
    """oa_base's units and roles, with employees for the users who take
    leave, a time off officer and two leave types without allocation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env,
            login="oa_hr_officer",
            groups="base.group_user,hr_holidays.group_hr_holidays_user",
            tz="Asia/Shanghai",
        )
        cls.principal = cls.leader_a
        cls.proxy = cls.staff_a
        cls.other = cls.staff_b
        cls.env["hr.employee"].create(
            [
                {"name": user.name, "user_id": user.id, "tz": "Asia/Shanghai"}
                for user in (cls.principal, cls.proxy, cls.other, cls.hr_officer)
            ]
        )
        LeaveType = cls.env["hr.leave.type"]
        cls.type_hr = LeaveType.create(
            {
                "name": "事假(测试)",
                "requires_allocation": "no",
                "leave_validation_type": "hr",
                "request_unit": "day",
            }
        )
        cls.type_both = LeaveType.create(
            {
                "name": "长假(测试,两级审批)",
                "requires_allocation": "no",
                "leave_validation_type": "both",
                "request_unit": "day",
            }
        )
        # Monday to Friday, a few weeks ahead: a leave the employee may still
        # change and cancel.
        cls.monday = date.today() + relativedelta(weeks=3, weekday=MO)
        cls.tz = pytz.timezone("Asia/Shanghai")

    # ---- helpers ----

    def _local(self, day, hour):
        """UTC naive datetime of ``hour`` o'clock in Shanghai on ``day``."""
        moment = self.tz.localize(datetime.combine(day, time(hour)))
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    def _request(self, user=None, leave_type=None, start=None, days=5, **vals):
        """The leave request as its employee creates it."""
        user = user or self.principal
        start = start or self.monday
        leave = (
            self.env["hr.leave"]
            .with_user(user)
            .create(
                {
                    "employee_id": user.employee_id.id,
                    "holiday_status_id": (leave_type or self.type_hr).id,
                    "request_date_from": start,
                    "request_date_to": start + timedelta(days=days - 1),
                    **vals,
                }
            )
        )
        return leave.with_user(self.env.user)

    def _approve(self, leave):
        leave.with_user(self.hr_officer).action_approve()
        return leave

    def _windows(self, leave):
        return (
            self.env["oa.proxy"]
            .with_context(active_test=False)
            .search([("leave_id", "in", leave.ids)])
        )

    def _todo(self, leaves):
        """The open to-dos "Confirm Proxy" of the windows of ``leaves``."""
        activity_type = self.env.ref("oa_hr_holidays.mail_act_oa_proxy_confirm")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "oa.proxy"),
                ("res_id", "in", self._windows(leaves).ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def _acting(self, when, user=None):
        user = user or self.principal
        return self.env["oa.proxy"]._get_acting_users(user, when)[user.id]

    def _approved_with_proxy(self, confirm=False, **vals):
        self.principal.oa_default_proxy_id = self.proxy
        leave = self._approve(self._request(**vals))
        window = self._windows(leave)
        if confirm:
            window.with_user(self.principal).action_confirm_proxy()
        return leave, window
