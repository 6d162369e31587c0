# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAssessmentTour(HttpCase):
    """The project group runs a month, lowers a fine with a reason, approves,
    and exports the finance sheet, in the browser and in Chinese."""

    def test_month_adjust_approve_export(self):
        env = self.env
        env["res.lang"]._activate_lang("zh_CN")
        # only the team rule: one finding, whatever else the demo data holds
        Rule = env["oa.assessment.rule"].with_context(active_test=False)
        rules = Rule.search([])
        rules.filtered(lambda r: r.code != "team").active = False
        rules.filtered(lambda r: r.code == "team").active = True
        unit = env["hr.department"].create({"name": "界面考核单位", "is_oa_unit": True})

        def user(login, group):
            new = new_test_user(
                env,
                login=login,
                name=login,
                groups=group,
                oa_unit_id=unit.id,
                tz="Asia/Shanghai",
                lang="zh_CN",
            )
            new.oa_password_change_required = False
            return new

        project = user("tour_assess_project", "oa_base.group_oa_project")
        admin = user("tour_assess_admin", "oa_base.group_oa_unit_admin")
        # one administrator instead of two, no leader: the team is incomplete
        unit.oa_admin_ids = admin

        self.start_tour(
            "/odoo/oa-assessment", "oa_assessment_tour_month", login=project.login
        )

        env.flush_all()
        env.invalidate_all()
        assessment = env["oa.assessment"].search([("unit_id", "=", unit.id)])
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.state, "approved")
        self.assertTrue(assessment.number)
        self.assertEqual(assessment.approved_by_id, project)
        line = assessment.line_ids.filtered(lambda x: x.user_id == admin)
        self.assertRecordValues(
            line, [{"amount": 150.0, "amount_proposed": 200.0, "adjusted": True}]
        )
        self.assertRecordValues(
            line.adjustment_ids,
            [
                {
                    "amount_before": 200.0,
                    "amount_after": 150.0,
                    "reason": "首次发现,已整改",
                    "user_id": project.id,
                }
            ],
        )

        # what the export button downloads: the xlsx report of the wizard
        wizard = (
            env["oa.assessment.export.wizard"]
            .with_user(project)
            .create({"month": assessment.month})
        )
        action = wizard.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        self.authenticate(project.login, project.login)
        response = self.url_open(
            f"/report/xlsx/{action['report_name']}/{wizard.id}", timeout=60
        )
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        rows = [[c.value for c in row] for row in book.active.iter_rows(min_row=3)]
        mine = [r for r in rows if r[0] == unit.name and r[1] == admin.name]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0][4], 150)
        self.assertEqual(mine[0][6], assessment.number)


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """A project-group demo user opens the dashboard: a unit's row is red
    where it misses a target, the month picker shows another month, the row
    opens the unit's assessment."""

    def test_dashboard(self):
        env = self.env
        env["res.lang"]._activate_lang("zh_CN")
        user = env.ref("oa_base.user_songtao_demo")
        self.assertTrue(user._oa_is_project())
        user.write({"password": user.login, "oa_password_change_required": False})
        unit = env["hr.department"].create({"name": "看板测试单位", "is_oa_unit": True})
        for n in (1, 2):
            new_test_user(
                env,
                login=f"tour_dash_{n}",
                name=f"看板用户{n}",
                groups="oa_base.group_oa_user",
                oa_unit_id=unit.id,
            )
        # the previous month (Beijing's): the team rule fails the unit
        Rule = env["oa.assessment.rule"].with_context(active_test=False)
        rules = Rule.search([])
        rules.filtered(lambda r: r.code != "team").active = False
        previous = env["oa.usage.snapshot"]._oa_today().replace(day=1) - relativedelta(
            months=1
        )
        assessment = env["oa.assessment"]._oa_assess_month(previous, unit)
        self.assertEqual(assessment.result, "fail")
        rules.active = True

        self.start_tour("/odoo", "oa_assessment_tour_dashboard", login=user.login)
