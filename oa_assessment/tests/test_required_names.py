# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names of assessment rules, roll-out phases and roll-out tasks are required
and not blank."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.oa_base.tests.required_names_common import RequiredNamesMixin

from .test_rollout_plan import OaRolloutCommon


@tagged("post_install", "-at_install")
class TestRequiredNames(RequiredNamesMixin, OaRolloutCommon):
    def test_rule_name(self):
        Rule = self.env["oa.assessment.rule"]
        codes = iter(range(100))

        def create(name):
            return Rule.create({"code": f"test_blank_name_{next(codes)}", "name": name})

        self.assertBlankRefused(create, create("测试规则"), "name")

    def test_phase_name(self):
        Phase = self.env["oa.rollout.phase"].with_user(self.project_user)

        def create(name):
            return Phase.create(
                {
                    "name": name,
                    "date_start": date(2025, 7, 1),
                    "date_end": date(2025, 7, 31),
                }
            )

        self.assertBlankRefused(create, self.phase.with_user(self.project_user), "name")

    def test_task_name(self):
        task = self.new_task().with_user(self.admin_a1)
        self.assertBlankRefused(lambda name: self.new_task(name=name), task, "name")
