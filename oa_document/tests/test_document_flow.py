# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestOutgoingFlow(OaDocumentCommon):
    def test_draft_in_form(self):
        form = Form(self.Document.with_user(self.staff_a))
        form.name = "关于开展上机操作考试的通知"
        form.main_unit_ids.add(self.unit_b)
        doc = form.save()
        self.assertRecordValues(
            doc,
            [
                {
                    "state": "draft",
                    "issuing_unit_id": self.unit_a.id,
                    "drafter_id": self.staff_a.id,
                    "classification": "internal",
                    "urgency": "normal",
                }
            ],
        )

    def test_full_outgoing_flow(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertRecordValues(doc, [{"state": "review"}])
        self.assertEqual(len(doc.step_ids), 6)
        self.assertEqual(doc.current_step_ids.user_ids, self.leader_a)
        self.assertTrue(doc.with_user(self.leader_a).can_act)
        self.assertFalse(doc.with_user(self.staff_a).can_act)

        expected = [
            ("review", self.leader_a, {"state": "check"}),
            ("check", self.clerk_a, {"state": "sign"}),
            (
                "sign",
                self.company_leader,
                {"state": "number", "signed_by_id": self.company_leader.id},
            ),
            ("number", self.clerk_a, {"state": "seal"}),
            ("seal", self.seal_a, {"state": "distribute", "sealed": True}),
            ("distribute", self.clerk_a, {"state": "distributed"}),
        ]
        for step_type, actor, values in expected:
            with self.subTest(step=step_type):
                self.assertEqual(doc.state, step_type)
                doc.with_user(actor).action_approve(opinion="同意")
                self.assertRecordValues(doc, [values])
        year = datetime.now().year
        self.assertEqual(doc.number, f"甲〔{year}〕1号")
        self.assertEqual(len(doc.fingerprint), 64)
        self.assertEqual(
            sorted(
                doc.incoming_ids.mapped(lambda i: (i.unit_id.name, i.recipient_type))
            ),
            sorted([("测试单位乙", "main"), ("测试单位丙", "copy")]),
        )
        steps = doc.step_ids
        self.assertEqual(set(steps.mapped("state")), {"done"})
        self.assertTrue(all(s.date_start and s.date_end for s in steps))
        self.assertEqual(
            steps.filtered(lambda s: s.step_type == "sign").acted_by_id,
            self.company_leader,
        )
        self.assertFalse(doc.activity_ids)

    def test_default_flow_without_unit_flow(self):
        self.sign_flow.active = False
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        sign = doc.step_ids.filtered(lambda s: s.step_type == "sign")
        # the issuing unit's leader in charge, not every company leader
        self.assertEqual(sign.user_ids, self.leader_a)

    def test_activity_for_next_actor(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(doc.activity_ids.user_id, self.leader_a)
        doc.with_user(self.leader_a).action_approve("同意")
        self.assertEqual(doc.activity_ids.user_id, self.clerk_a | self.project_user)

    # ---- refusals ----

    def test_classified_document_refused(self):
        for level in ("secret", "confidential", "top_secret"):
            with self.subTest(level=level), self.assertRaises(ValidationError) as error:
                self._draft(name=f"涉密文件 {level}", classification=level)
            self.assertIn("must be handled on paper", str(error.exception))
        self.assertFalse(self.Document.search([("name", "like", "涉密文件")]))

    def test_classifying_a_draft_refused(self):
        doc = self._draft()
        with self.assertRaises(ValidationError):
            doc.with_user(self.staff_a).write({"classification": "secret"})
        self.assertEqual(doc.classification, "internal")

    def test_not_the_actor_cannot_act(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        for user in (self.staff_a, self.staff_b, self.clerk_a, self.company_leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                doc.with_user(user).action_approve("同意")
        self.assertEqual(doc.state, "review")
        self.assertEqual(doc.current_step_ids.state, "pending")

    def test_no_step_to_act_on(self):
        doc = self._draft()
        with self.assertRaises(UserError):
            doc.with_user(self.leader_a).action_approve("同意")
        self._run_until(doc, "distributed")
        with self.assertRaises(UserError):
            doc.with_user(self.clerk_a).action_approve("同意")

    def test_only_drafter_submits(self):
        doc = self._draft()
        with self.assertRaises(AccessError):
            doc.with_user(self.leader_a).action_submit()
        self.assertEqual(doc.state, "draft")

    def test_submit_twice_refused(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).action_submit()
        self.assertEqual(len(doc.step_ids), 6)

    def test_submit_without_recipients_refused(self):
        doc = self._draft(main_unit_ids=[(5,)], copy_unit_ids=[(5,)])
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).action_submit()
        self.assertEqual(doc.state, "draft")

    def test_content_frozen_after_submit(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            doc.sudo().write({"body": "<p>改过的正文</p>"})
        self.assertIn("自4月1日起", doc.body)

    def test_seal_only_by_seal_keeper(self):
        seal_step = self.sign_flow.step_ids.filtered(lambda s: s.step_type == "seal")
        seal_step.write({"actor_type": "user", "user_id": self.clerk_a.id})
        doc = self._run_until(self._draft(), "seal")
        with self.assertRaises(AccessError):
            doc.with_user(self.clerk_a).action_approve("同意")
        self.assertRecordValues(doc, [{"state": "seal", "sealed": False}])

    def test_sent_document_never_deleted(self):
        draft = self._draft()
        sent = self._draft(name="已提交的公文")
        sent.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            sent.sudo().unlink()
        self.assertTrue(sent.exists())
        draft.with_user(self.staff_a).unlink()
        self.assertFalse(draft.exists())

    # ---- proxies ----

    def _proxy(self, user, proxy, start, end):
        return self.env["oa.proxy"].create(
            {
                "user_id": user.id,
                "proxy_user_id": proxy.id,
                "date_from": start,
                "date_to": end,
            }
        )

    def test_proxy_acts_on_behalf(self):
        now = datetime.now()
        self._proxy(
            self.leader_a,
            self.admin_a2,
            now - timedelta(hours=1),
            now + timedelta(days=2),
        )
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertTrue(doc.with_user(self.admin_a2).can_act)
        doc.with_user(self.admin_a2).action_approve(opinion="代为审核")
        step = doc.step_ids.filtered(lambda s: s.step_type == "review")
        self.assertRecordValues(
            step,
            [{"acted_by_id": self.admin_a2.id, "on_behalf_of_id": self.leader_a.id}],
        )
        self.assertEqual(step.actor_display, "oa_admin_a2 on behalf of oa_leader_a")
        # the step's message is posted at commit, as every step's
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        self.assertIn("on behalf of oa_leader_a", doc.message_ids[0].body)
        self.assertEqual(doc.state, "check")

    def test_proxy_named_during_open_step_can_read_and_act(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertFalse(
            self.Document.with_user(self.staff_b).search([("id", "=", doc.id)])
        )
        now = datetime.now()
        self._proxy(
            self.leader_a,
            self.staff_b,
            now - timedelta(hours=1),
            now + timedelta(days=1),
        )
        self.assertTrue(
            self.Document.with_user(self.staff_b).search([("id", "=", doc.id)])
        )
        doc.with_user(self.staff_b).action_approve("同意")
        self.assertEqual(doc.state, "check")

    def test_proxy_outside_window_cannot_act(self):
        now = datetime.now()
        self._proxy(
            self.leader_a,
            self.admin_a2,
            now + timedelta(days=1),
            now + timedelta(days=3),
        )
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(AccessError):
            doc.with_user(self.admin_a2).action_approve("同意")
        self.assertEqual(doc.state, "review")

    # ---- returning ----

    def _return(self, doc, user, target, reason):
        wizard = (
            self.env["oa.document.return.wizard"]
            .with_user(user)
            .with_context(default_document_id=doc.id)
            .create({"document_id": doc.id, "target": target, "reason": reason})
        )
        return wizard.action_return()

    def test_return_to_drafter_with_reason(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self._return(doc, self.leader_a, "0", "请补充试运行时间安排")
        self.assertEqual(doc.state, "draft")
        review = doc.step_ids.filtered(lambda s: s.step_type == "review")
        self.assertRecordValues(
            review, [{"state": "returned", "comment": "请补充试运行时间安排"}]
        )
        self.assertEqual(set((doc.step_ids - review).mapped("state")), {"cancel"})
        self.assertEqual(doc.activity_ids.user_id, self.staff_a)
        # the drafter edits and submits again: a fresh set of steps
        doc.with_user(self.staff_a).write({"body": "<p>补充后的正文</p>"})
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(doc.state, "review")
        self.assertEqual(len(doc.step_ids), 12)

    def test_return_forward_refused(self):
        doc = self._run_until(self._draft(), "check")
        with self.assertRaises(UserError):
            doc.with_user(self.clerk_a).action_return(40, "跳过签发")
        self.assertEqual(doc.state, "check")
        self.assertEqual(doc.current_step_ids.step_type, "check")

    def test_return_without_reason_refused(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            doc.with_user(self.leader_a).action_return(0, "   ")
        self.assertEqual(doc.state, "review")

    def test_return_by_non_actor_refused(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(AccessError):
            self._return(doc, self.clerk_a, "0", "不同意")
        self.assertEqual(doc.state, "review")

    def test_return_to_earlier_step(self):
        doc = self._run_until(self._draft(), "sign")
        self._return(doc, self.company_leader, "10", "请主管领导重新审核")
        self.assertEqual(doc.state, "review")
        self.assertEqual(doc.current_step_ids.user_ids, self.leader_a)
        self._run_until(doc, "distributed")
        self.assertTrue(doc.number)

    # ---- countersign ----

    def test_parallel_countersign(self):
        units = self.unit_b | self.unit_c
        self.sign_flow.step_ids = [
            flow_step(10, "countersign", countersign_unit_ids=[Command.set(units.ids)])
        ]
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        self.assertEqual(len(doc.current_step_ids), 3)
        self.assertEqual(
            doc.current_step_ids.user_ids, self.leader_a | self.leader_b | self.leader_c
        )
        doc.with_user(self.leader_b).action_approve(opinion="会签同意")
        doc.with_user(self.leader_a).action_approve("同意")
        self.assertEqual(doc.state, "review")
        with self.assertRaises(AccessError):
            doc.with_user(self.leader_b).action_approve("同意")
        doc.with_user(self.leader_c).action_approve("同意")
        self.assertEqual(doc.state, "check")

    # ---- paper copies ----

    def test_paper_copy_never_moves_the_flow(self):
        doc = self._run_until(self._draft(), "distribute")
        doc.with_user(self.clerk_a).action_record_paper_sent()
        self.assertRecordValues(doc, [{"state": "distribute", "paper_sent": True}])
        self.assertFalse(doc.incoming_ids)

    def test_paper_copy_recorded_only_by_those_involved(self):
        doc = self._run_until(self._draft(), "sign")
        with self.assertRaises(AccessError):
            doc.with_user(self.staff_b).action_record_paper_sent()
        self.assertFalse(doc.paper_sent)

    # ---- timing ----

    def test_step_timing_and_overdue(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        review = doc.current_step_ids
        review.sudo().write(
            {
                "date_start": datetime.now() - timedelta(hours=30),
                "date_deadline": datetime.now() - timedelta(hours=6),
            }
        )
        self.assertTrue(review.is_overdue)
        self.assertIn(doc, self.Document.search([("is_overdue", "=", True)]))
        doc.with_user(self.leader_a).action_approve("同意")
        self.assertAlmostEqual(review.waiting_hours, 30, delta=0.1)
        self.assertIn(
            review, self.env["oa.flow.step"].search([("is_overdue", "=", True)])
        )
        self.assertNotIn(doc, self.Document.search([("is_overdue", "=", True)]))


def flow_step(sequence, step_type, **actor):
    """A flow step (create command): ``role=``, ``user_id=``, ``group_id=``
    or ``countersign_unit_ids=``."""
    if "role" in actor:
        actor["actor_type"] = "role"
    elif "user_id" in actor:
        actor["actor_type"] = "user"
    elif "group_id" in actor:
        actor["actor_type"] = "group"
    return Command.create({"sequence": sequence, "step_type": step_type, **actor})


@tagged("post_install", "-at_install")
class TestFlowDesign(OaDocumentCommon):
    def _flow(self, user, name, unit, kind, *steps):
        return (
            self.env["oa.document.flow"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "unit_id": unit.id,
                    "kind": kind,
                    "step_ids": list(steps),
                }
            )
        )

    def test_unit_admin_designs_own_flow(self):
        clerks = self.env.ref("oa_base.group_oa_document_clerk")
        flow = self._flow(
            self.admin_b,
            "乙单位公告流程",
            self.unit_b,
            "announcement",
            flow_step(5, "review", role="admin"),
            flow_step(10, "sign", role="leader"),
            flow_step(20, "number", user_id=self.clerk_b.id),
            flow_step(25, "seal", role="seal_keeper"),
            flow_step(30, "distribute", group_id=clerks.id),
        )
        steps = self.env["oa.document.flow"]._get_flow_steps(
            self.unit_b, "announcement"
        )
        self.assertEqual(
            [s["step_type"] for s in steps],
            ["review", "sign", "number", "seal", "distribute"],
        )
        self.assertEqual(steps[2]["user"], self.clerk_b)
        # a group step asks the group's members of the issuing unit only
        self.assertEqual(
            self.env["oa.document.flow.step"]._resolve_actors(steps[4], self.unit_b),
            self.clerk_b,
        )
        self.assertEqual(flow.unit_id, self.unit_b)

    def test_unit_admin_cannot_design_other_units_flow(self):
        with self.assertRaises(AccessError):
            self._flow(
                self.admin_b,
                "越权流程",
                self.unit_a,
                "briefing",
                flow_step(5, "review", role="leader"),
                flow_step(10, "sign", role="leader"),
                flow_step(20, "number", role="clerk"),
                flow_step(25, "seal", role="seal_keeper"),
                flow_step(30, "distribute", role="clerk"),
            )
        self.assertFalse(
            self.env["oa.document.flow"].search([("name", "=", "越权流程")])
        )

    def test_flow_without_sign_off_refused(self):
        with self.assertRaises(ValidationError):
            self._flow(
                self.project_user,
                "缺签发",
                self.unit_b,
                "briefing",
                flow_step(10, "number", role="clerk"),
                flow_step(20, "distribute", role="clerk"),
            )

    def test_step_without_actor_refused(self):
        with self.assertRaises(ValidationError):
            self.sign_flow.step_ids[0].write({"actor_type": "user", "user_id": False})

    def test_sub_unit_uses_parent_flow(self):
        steps = self.env["oa.document.flow"]._get_flow_steps(self.unit_a_sub, "formal")
        self.assertEqual(steps[2]["user"], self.company_leader)

    def test_role_nobody_holds_is_a_clear_error(self):
        self._flow(
            self.project_user,
            "丙单位发文",
            self.unit_c,
            "formal",
            flow_step(5, "review", role="leader"),
            flow_step(10, "sign", role="seal_keeper"),
            flow_step(20, "number", role="clerk"),
            flow_step(25, "seal", role="seal_keeper"),
            flow_step(30, "distribute", role="clerk"),
        )
        doc = self.Document.with_user(self.staff_c).create(
            {
                "name": "丙单位简报",
                "issuing_unit_id": self.unit_c.id,
                "main_unit_ids": [Command.set(self.unit_a.ids)],
            }
        )
        with self.assertRaises(UserError) as error:
            doc.with_user(self.staff_c).action_submit()
        self.assertIn("Nobody holds the role", str(error.exception))
        self.assertEqual(doc.state, "draft")
        self.assertFalse(doc.step_ids)
