# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def test_demo_leader_leave_proposes_his_standing_proxy(self):
        leave = self.env.ref("oa_hr_holidays.hr_leave_zhouzhenghua_demo")
        leader = self.env.ref("oa_base.user_zhouzhenghua_demo")
        self.assertEqual(leave.state, "validate")
        window = (
            self.env["oa.proxy"]
            .with_context(active_test=False)
            .search([("leave_id", "=", leave.id)])
        )
        self.assertRecordValues(
            window,
            [
                {
                    "user_id": leader.id,
                    "proxy_user_id": self.env.ref("oa_base.user_wangjianguo_demo").id,
                    "date_from": leave.date_from,
                    "date_to": leave.date_to,
                    "proposal_state": "proposed",
                }
            ],
        )
        todo = window.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("oa_hr_holidays.mail_act_oa_proxy_confirm")
        )
        self.assertEqual(todo.user_id, leader)
        self.assertEqual(leave.name, "年休假：回乡探亲")
