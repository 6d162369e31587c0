# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures shared by the plan and usage tests (no test of its own)."""

from datetime import date, datetime

import pytz

from odoo.tests import new_test_user

from odoo.addons.oa_base.tests.common import OaBaseCommon

SHANGHAI = pytz.timezone("Asia/Shanghai")


def utc(local):
    """'2025-06-03 23:30' in Shanghai → naive UTC datetime."""
    moment = SHANGHAI.localize(datetime.strptime(local, "%Y-%m-%d %H:%M"))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class OaUsageCommon(OaBaseCommon):
    """The company works Monday to Friday in Shanghai; Monday 2 June 2025
    is a public holiday (端午节) and Saturday 7 June a make-up working day
    (调休): the working days of 1–7 June are the 3rd to the 7th."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "OA 测试作息", "tz": "Asia/Shanghai"}
        )
        cls.env.company.resource_calendar_id = cls.calendar
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "端午节",
                "calendar_id": cls.calendar.id,
                "date_from": utc("2025-06-02 00:00"),
                "date_to": utc("2025-06-03 00:00"),
            }
        )
        cls.env["oa.calendar.workday"].create(
            {"name": "端午调休上班", "date": date(2025, 6, 7)}
        )
        cls.unit_c = cls.env["hr.department"].create(
            {"name": "测试单位丙", "is_oa_unit": True}
        )
        cls.c_users = [
            new_test_user(
                cls.env,
                login=f"oa_c{n}",
                name=f"丙{n}",
                groups="oa_base.group_oa_user",
                oa_unit_id=cls.unit_c.id,
            )
            for n in range(1, 5)
        ]

    def visit(self, user, local, kind="return"):
        return (
            self.env["oa.visit"]
            .sudo()
            .create(
                {
                    "user_id": user.id,
                    "unit_id": user.oa_unit_id.id,
                    "datetime": utc(local),
                    "kind": kind,
                }
            )
        )

    def week_of_visits(self):
        """u1: twice a day on every working day (10); u2: once on 4 of the
        5 working days (80 %: regular); u3: three days, around midnight
        (23:30 counts for the 3rd, 00:30 for the 4th) and visits on the
        Sunday and the holiday that do not count; u4: only on the holiday."""
        u1, u2, u3, u4 = self.c_users
        for day in (3, 4, 5, 6, 7):
            self.visit(u1, f"2025-06-0{day} 09:00", "login")
            self.visit(u1, f"2025-06-0{day} 15:00")
        for day in (3, 4, 5, 6):
            self.visit(u2, f"2025-06-0{day} 10:00", "login")
        self.visit(u3, "2025-06-01 10:00")  # Sunday
        self.visit(u3, "2025-06-02 10:00")  # holiday
        self.visit(u3, "2025-06-03 23:30")
        self.visit(u3, "2025-06-04 00:30")
        self.visit(u3, "2025-06-05 11:00")
        self.visit(u4, "2025-06-02 11:00")  # holiday
