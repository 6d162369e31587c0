# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import Form, tagged

from .test_usage_common import OaUsageCommon

VIEW_TYPES = {
    "oa.rollout.task": ["list", "form", "calendar", "pivot", "graph", "search"],
    "oa.rollout.phase": ["list", "form"],
    "oa.usage.snapshot": ["list", "form", "graph", "pivot", "search"],
}


@tagged("post_install", "-at_install")
class TestUsageViews(OaUsageCommon):
    def test_views_load_for_each_role(self):
        for user in (self.project_user, self.admin_a1):
            for model, types in VIEW_TYPES.items():
                views = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, view_type) for view_type in types])
                )
                self.assertEqual(set(views["views"]), set(types), model)

    def test_dashboard_actions(self):
        action = self.env.ref("oa_assessment.oa_usage_snapshot_action")
        self.assertIn("graph", action.view_mode)
        self.assertIn("pivot", action.view_mode)
        below = self.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1), units=self.unit_c, date_to=date(2025, 6, 7)
        )
        found = (
            self.env["oa.usage.snapshot"]
            .with_user(self.project_user)
            .search([("below_target", "=", True), ("unit_id", "=", self.unit_c.id)])
        )
        self.assertEqual(found, below)

    def test_task_form(self):
        phase = self.env["oa.rollout.phase"].create(
            {
                "name": "试运行阶段",
                "date_start": date(2025, 6, 1),
                "date_end": date(2025, 6, 30),
            }
        )
        form = Form(self.env["oa.rollout.task"].with_user(self.admin_a1))
        form.name = "内部流程设置"
        form.phase_id = phase
        form.unit_id = self.unit_a
        self.assertEqual(form.user_id, self.admin_a1)
        self.assertEqual(form.date_start, date(2025, 6, 1))
        form.deadline_type = "phase_start"
        form.offset_days = 5
        task = form.save()
        # 2..6 June less the holiday, plus the make-up Saturday
        self.assertEqual(task.date_deadline, date(2025, 6, 7))

    def test_settings(self):
        settings = self.env["res.config.settings"].create(
            {"oa_visit_gap_minutes": 45, "oa_usage_target_b": 0.35}
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("oa_assessment.visit_gap_minutes"), "45")
        self.assertEqual(self.env["oa.visit"]._oa_gap_seconds(), 45 * 60)
        self.assertEqual(
            self.env["oa.usage.snapshot"]._oa_param("oa_assessment.target_b"), 0.35
        )
