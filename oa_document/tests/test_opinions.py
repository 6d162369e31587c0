# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Opinions (审核意见、会签意见、签发意见、拟办意见、批示): asked in a dialog
when the actor acts, required where the unit requires them, written by the
transition only, shown in the steps and the chatter."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .security_common import BYPASS_CONTEXT


@tagged("post_install", "-at_install")
class TestOpinions(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc = cls._draft(name="关于开展安全生产检查的请示")
        cls.doc.with_user(cls.staff_a).action_submit()

    def _fresh(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return record.browse(record.id).sudo()

    def _step(self, doc, step_type):
        return self._fresh(doc).step_ids.filtered(lambda s: s.step_type == step_type)[
            -1:
        ]

    def _messages(self, record):
        # the step's message goes with the state change's, written at commit
        self.env.cr.precommit.run()
        return "\n".join(self._fresh(record).message_ids.mapped("body"))

    # ---- outgoing ----

    def test_review_opinion_stored_and_posted(self):
        self.doc.with_user(self.leader_a).action_approve("  同意,请办公室核稿。 ")
        # the chatter message of the step (with the opinion) is the body of
        # the state change's tracking message, which Odoo writes at commit
        queued = self.env.cr.precommit.data.get("mail.tracking.message.oa.document")
        self.assertIn("同意,请办公室核稿。", queued[self.doc.id])
        step = self._step(self.doc, "review")
        self.assertRecordValues(
            step,
            [
                {
                    "state": "done",
                    "comment": "同意,请办公室核稿。",
                    "acted_by_id": self.leader_a.id,
                }
            ],
        )

    def test_steps_in_one_transaction_keep_their_messages(self):
        """Server code doing several steps at once: each step's message (with
        its opinion) reaches the chatter, not only the last one (tracked:
        the tests' records are created without tracking)."""
        actors = self._actors()
        # nothing queued before (the class's submission)
        self.env.flush_all()
        self.env.cr.precommit.clear()
        doc = self.doc.with_context(tracking_disable=False)
        doc.with_user(self.leader_a).action_approve("审核同意,转核稿。")
        doc.with_user(actors["check"]).action_approve("核稿无误。")
        doc.with_user(self.company_leader).action_approve("同意发文。")
        doc.with_user(actors["number"]).action_approve()
        messages = self._messages(self.doc)
        for opinion in ("审核同意,转核稿。", "核稿无误。", "同意发文。"):
            self.assertIn(opinion, messages)
        self.assertEqual(self._fresh(self.doc).state, "seal")
        # each under the subtype of its move: a follower is told what he chose
        subtypes = (
            self._fresh(self.doc)
            .message_ids.filtered(
                lambda m: "核稿无误。" in m.body or "同意发文。" in m.body
            )
            .mapped("subtype_id")
        )
        self.assertEqual(
            set(subtypes.mapped(lambda s: s.get_external_id()[s.id])),
            {"oa_document.mt_document_approved", "oa_document.mt_document_signed"},
        )

    def test_review_without_opinion_allowed_by_default(self):
        self.doc.with_user(self.leader_a).action_approve()
        self.assertEqual(self._fresh(self.doc).state, "check")
        self.assertFalse(self._step(self.doc, "review").comment)

    def test_unit_may_require_the_review_opinion(self):
        self.unit_a.oa_opinion_required_review = True
        for empty in (False, "", "   "):
            with self.subTest(opinion=empty), self.assertRaises(UserError):
                self.doc.with_user(self.leader_a).action_approve(empty)
        self.assertEqual(self._fresh(self.doc).state, "review")

    def test_sign_off_opinion_required_by_default(self):
        self._run_until(self.doc, "sign")
        with self.assertRaises(UserError) as error:
            self.doc.with_user(self.company_leader).action_approve()
        self.assertIn("opinion", str(error.exception))
        self.assertEqual(self._fresh(self.doc).state, "sign")
        self.doc.with_user(self.company_leader).action_approve("同意发文。")
        self.assertRecordValues(
            self._fresh(self.doc),
            [{"state": "number", "signed_by_id": self.company_leader.id}],
        )
        self.assertEqual(self._step(self.doc, "sign").comment, "同意发文。")

    def test_unit_may_allow_an_empty_sign_off(self):
        self.unit_a.oa_opinion_required_sign = False
        self._run_until(self.doc, "sign")
        self.doc.with_user(self.company_leader).action_approve()
        self.assertEqual(self._fresh(self.doc).state, "number")

    def test_opinion_argument_validated(self):
        leader = self.doc.with_user(self.leader_a)
        for bad in (["同意"], {"a": 1}, 42, "意" * 2001):
            with self.subTest(opinion=str(bad)[:20]), self.assertRaises(UserError):
                leader.action_approve(bad)
        self.assertEqual(self._fresh(self.doc).state, "review")

    def test_button_opens_the_dialog_at_opinion_steps(self):
        action = self.doc.with_user(self.leader_a).action_open_opinion_wizard()
        self.assertEqual(action["res_model"], "oa.document.opinion.wizard")
        self.assertEqual(action["context"]["default_step_type"], "review")
        wizard = Form(
            self.env["oa.document.opinion.wizard"]
            .with_user(self.leader_a)
            .with_context(**action["context"])
        )
        wizard.opinion = "拟同意。"
        wizard.save().action_confirm()
        self.assertEqual(self._fresh(self.doc).state, "check")
        self.assertEqual(self._step(self.doc, "review").comment, "拟同意。")
        # the office check has no opinion: the button acts at once
        result = self.doc.with_user(self.clerk_a).action_open_opinion_wizard()
        self.assertEqual(result["tag"], "display_notification")  # who holds it now
        self.assertEqual(self._fresh(self.doc).state, "sign")
        # the sign-off dialog knows the opinion is required
        action = self.doc.with_user(self.company_leader).action_open_opinion_wizard()
        wizard = (
            self.env["oa.document.opinion.wizard"]
            .with_user(self.company_leader)
            .with_context(**action["context"])
            .create({})
        )
        self.assertTrue(wizard.opinion_required)
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self._fresh(self.doc).state, "sign")

    def test_dialog_refused_to_who_may_not_act(self):
        for user in (self.staff_a, self.clerk_a, self.company_leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.doc.with_user(user).action_open_opinion_wizard()
            with self.assertRaises(AccessError):
                self.env["oa.document.opinion.wizard"].with_user(user).create(
                    {"document_id": self.doc.id, "step_type": "review", "opinion": "x"}
                ).action_confirm()
        self.assertEqual(self._fresh(self.doc).state, "review")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_opinion_cannot_be_forged(self):
        self.doc.with_user(self.leader_a).action_approve("同意")
        step = self._step(self.doc, "review")
        for user in (self.leader_a, self.staff_a, self.admin_a1, self.project_user):
            for ctx in ({}, BYPASS_CONTEXT):
                with self.subTest(user=user.login), self.assertRaises(UserError):
                    step.with_user(user).with_context(**ctx).write(
                        {"comment": "伪造的意见"}
                    )
                with self.assertRaises(UserError):
                    self.env["oa.flow.step"].with_user(user).with_context(**ctx).create(
                        {
                            "res_model": "oa.document",
                            "res_id": self.doc.id,
                            "name": "签发",
                            "sequence": 30,
                            "step_type": "sign",
                            "comment": "伪造的签发意见",
                        }
                    )
        self.assertEqual(self._step(self.doc, "review").comment, "同意")
        # the superuser (a migration) may
        step.sudo().write({"comment": "更正"})
        self.assertEqual(self._step(self.doc, "review").comment, "更正")

    def test_opinion_settings_are_the_units(self):
        # another unit's administrator may not relax unit A's rule
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.admin_b).write(
                {"oa_opinion_required_sign": False}
            )
        self.assertTrue(self._fresh(self.unit_a).oa_opinion_required_sign)
        self.unit_a.oa_admin_ids = self.admin_a1
        self.unit_a.with_user(self.admin_a1).write({"oa_opinion_required_sign": False})
        self.assertFalse(self._fresh(self.unit_a).oa_opinion_required_sign)

    # ---- incoming ----

    def _receipt(self):
        self._run_until(self.doc, "distributed")
        inc = self.doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        return inc

    def _run_until(self, doc, stop_state):
        if doc.state == "draft":
            doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != stop_state:
            doc.with_user(actors[doc.state]).action_approve("同意")
        return doc

    def test_incoming_opinions(self):
        # each step's message says what was done with its opinion, posted
        # with the state change (tracked: the tests' records are created
        # without tracking)
        inc = self._receipt().with_context(tracking_disable=False)
        # 拟办: the opinion may be empty by default
        action = inc.with_user(self.clerk_b).action_open_opinion_wizard()
        self.assertEqual(action["context"]["default_step_type"], "propose")
        inc.with_user(self.clerk_b).action_propose("拟请主管领导阅示。")
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        # 批办: the instruction is required by default
        with self.assertRaises(UserError):
            inc.with_user(self.leader_b).action_instruct("  ")
        self.assertEqual(self._fresh(inc).state, "proposed")
        action = inc.with_user(self.leader_b).action_open_opinion_wizard()
        wizard = (
            self.env["oa.document.opinion.wizard"]
            .with_user(self.leader_b)
            .with_context(**action["context"], tracking_disable=False)
            .create({"opinion": "请人力资源部牵头办理。"})
        )
        self.assertTrue(wizard.opinion_required)
        wizard.action_confirm()
        self.assertRecordValues(
            self._fresh(inc),
            [
                {
                    "state": "instructed",
                    "proposal": "拟请主管领导阅示。",
                    "instruction": "请人力资源部牵头办理。",
                }
            ],
        )
        messages = self._messages(inc)
        self.assertIn("拟请主管领导阅示。", messages)
        self.assertIn("请人力资源部牵头办理。", messages)

    def test_incoming_unit_may_require_the_proposal(self):
        inc = self._receipt()
        self.unit_b.oa_opinion_required_propose = True
        with self.assertRaises(UserError):
            inc.with_user(self.clerk_b).action_propose()
        with self.assertRaises(UserError):
            inc.with_user(self.clerk_b).action_propose(["拟办"])
        self.assertEqual(self._fresh(inc).state, "registered")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_incoming_opinions_cannot_be_forged(self):
        inc = self._receipt()
        for user, field in (
            (self.clerk_b, "proposal"),
            (self.leader_b, "instruction"),
            (self.admin_b, "proposal"),
            (self.staff_b, "instruction"),
        ):
            with self.subTest(user=user.login, field=field):
                with self.assertRaises(UserError):
                    inc.with_user(user).with_context(**BYPASS_CONTEXT).write(
                        {field: "伪造"}
                    )
        inc.with_user(self.clerk_b).action_propose("拟办")
        with self.assertRaises(UserError):
            inc.with_user(self.leader_b).write({"proposal": "领导改拟办"})
        self.assertRecordValues(
            self._fresh(inc), [{"proposal": "拟办", "instruction": False}]
        )
