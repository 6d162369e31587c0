# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestFlowDesigner(OaDocumentCommon):
    """A unit administrator designs his unit's flow: it starts as a copy of
    the effective one, steps with the same sequence run in parallel, the
    group picker offers OA roles only."""

    def _as_table(self, steps):
        return [
            (s.sequence, s.step_type, s.actor_type, s.role, s.user_id.id)
            for s in steps.sorted(lambda s: (s.sequence, s.id))
        ]

    def test_new_flow_starts_as_copy_of_the_effective_one(self):
        # 甲下属厂 follows 甲's flow today: its new flow starts as that copy
        form = Form(self.env["oa.document.flow"].with_user(self.admin_a1))
        form.name = "下属厂发文流程"
        form.unit_id = self.unit_a_sub
        form.kind = "formal"
        flow = form.save()
        self.assertEqual(
            self._as_table(flow.step_ids), self._as_table(self.sign_flow.step_ids)
        )

    def test_new_flow_of_a_unit_without_flow_copies_the_default(self):
        flow = (
            self.env["oa.document.flow"]
            .with_user(self.admin_b)
            .create({"name": "乙单位发文流程", "unit_id": self.unit_b.id})
        )
        self.assertEqual(
            flow.step_ids.mapped("step_type"),
            ["review", "check", "sign", "number", "seal", "distribute"],
        )
        self.assertEqual(
            set(flow.step_ids.filtered(lambda s: s.step_type == "sign").mapped("role")),
            {"leader"},
        )

    def test_copy_the_effective_flow_button(self):
        self.sign_flow.step_ids.filtered(
            lambda s: s.step_type == "check"
        ).time_limit_hours = 48
        self.sign_flow.with_user(self.admin_a1).action_copy_effective_flow()
        # without its own flow, 甲 follows the default flow
        self.assertEqual(
            self.sign_flow.step_ids.filtered(lambda s: s.step_type == "sign").role,
            "leader",
        )
        self.assertEqual(set(self.sign_flow.step_ids.mapped("time_limit_hours")), {24})

    def test_group_picker_offers_oa_roles_only(self):
        field = self.env["oa.document.flow.step"]._fields["group_id"]
        domain = field.get_domain_list(self.env["oa.document.flow.step"])
        groups = self.env["res.groups"].search(domain)
        category = self.env.ref("oa_base.module_category_oa")
        self.assertTrue(groups)
        self.assertEqual(groups.category_id, category)
        self.assertNotIn(self.env.ref("base.group_system"), groups)
        with self.assertRaises(ValidationError):
            self.sign_flow.step_ids[0].write(
                {
                    "actor_type": "group",
                    "group_id": self.env.ref("base.group_system").id,
                }
            )

    def test_parallel_steps(self):
        """Review and countersigns with the same sequence are open together;
        the next sequence opens when all of them are done."""
        self.sign_flow.step_ids.filtered(lambda s: s.step_type == "check").write(
            {
                "step_type": "countersign",
                "sequence": 10,
                "countersign_unit_ids": [(6, 0, (self.unit_b | self.unit_c).ids)],
            }
        )
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(doc.state, "review")
        self.assertEqual(len(doc.current_step_ids), 3)
        self.assertEqual(
            doc.current_step_ids.user_ids, self.leader_a | self.leader_b | self.leader_c
        )
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        for leader in (self.leader_b, self.leader_a):
            self.assertTrue(doc.with_user(leader).can_act)
            doc.with_user(leader).action_approve("同意")
            self.assertEqual(doc.state, "review", "waits for every parallel step")
            self.assertFalse(doc.with_user(leader).can_act)
            activities = doc.activity_ids.filtered(
                lambda a: a.activity_type_id == todo_type
            )
            self.assertNotIn(leader, activities.user_id)
        self.assertEqual(doc.current_step_ids.user_ids, self.leader_c)
        doc.with_user(self.leader_c).action_approve("同意")
        self.assertEqual(doc.state, "sign")
        self.assertEqual(doc.current_step_ids.user_ids, self.company_leader)
