# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on outgoing documents, their steps, flows, counters and archive
checks, as each role would try them over RPC (write/create/unlink/load,
x2many commands, context keys, action_*): each is refused with a clear
error, and nothing changed (read back as superuser after flush and
invalidate)."""

from datetime import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .test_document_flow import flow_step

# a forged value for every flow-owned field of a document
FORGED = {
    "state": "distributed",
    "number": "甲〔2026〕99号",
    "number_year": 2026,
    "number_seq": 99,
    "sealed": True,
    "date_signed": "2026-01-01 08:00:00",
    "date_distributed": "2026-01-01 08:00:00",
    "paper_sent": True,
    "paper_sent_date": "2026-01-01 08:00:00",
    "fingerprint": "0" * 64,
    "archive_seq": 1,
    "archive_prev_hash": "0" * 64,
    "archive_hash": "0" * 64,
    "date_archived": "2026-01-01 08:00:00",
}


@tagged("post_install", "-at_install")
class TestOutgoingSecurity(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_a2 = new_test_user(
            cls.env,
            login="oa_staff_a2",
            groups="oa_base.group_oa_user",
            oa_unit_id=cls.unit_a.id,
        )
        cls.roles = {
            "drafter": cls.staff_a,
            "colleague": cls.staff_a2,
            "other_unit_user": cls.staff_b,
            "unit_admin": cls.admin_a1,
            "unit_leader": cls.leader_a,
            "other_unit_leader": cls.leader_b,
            "clerk": cls.clerk_a,
            "seal_keeper": cls.seal_a,
            "project": cls.project_user,
        }

    def setUp(self):
        super().setUp()
        # the refusals below are expected: Odoo logs each one
        self.enterContext(
            mute_logger(
                "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model"
            )
        )

    def _reload(self, record):
        self.env.flush_all()
        self.env.invalidate_all()
        return record.sudo()

    # ---- point 1: flow fields of the document ----

    def test_drafter_cannot_forge_flow_fields_on_his_draft(self):
        doc = self._draft()
        forged = dict(FORGED, signed_by_id=self.leader_a.id, drafter_id=self.staff_b.id)
        for name, value in forged.items():
            with self.subTest(field=name), self.assertRaises(UserError) as error:
                doc.with_user(self.staff_a).write({name: value})
            label = doc._fields[name].get_description(self.env)["string"]
            self.assertIn(label, str(error.exception))
        # a context key is no bypass (RPC clients send contexts)
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).with_context(oa_transition=True).write(
                {"state": "distributed"}
            )
        doc = self._reload(doc)
        self.assertRecordValues(
            doc,
            [
                {
                    "state": "draft",
                    "number": False,
                    "sealed": False,
                    "signed_by_id": False,
                    "fingerprint": False,
                    "archive_seq": 0,
                    "drafter_id": self.staff_a.id,
                    "paper_sent": False,
                }
            ],
        )

    def test_flow_fields_refused_on_create_and_defaults_ignored(self):
        Document = self.Document.with_user(self.staff_a)
        for name, value in dict(FORGED, signed_by_id=self.leader_a.id).items():
            with self.subTest(field=name), self.assertRaises(UserError):
                self._draft(**{name: value})
        with self.assertRaises(UserError):
            self._draft(drafter_id=self.staff_b.id)
        doc = Document.with_context(
            default_state="distributed", default_sealed=True, default_number="伪"
        ).create(
            {
                "name": "带默认值的草稿",
                "main_unit_ids": [Command.set(self.unit_b.ids)],
            }
        )
        doc = self._reload(doc)
        self.assertRecordValues(
            doc, [{"state": "draft", "sealed": False, "number": False}]
        )
        # the initial values a form sends are accepted
        self.assertEqual(self._draft(state="draft").state, "draft")
        # and copy() gives a fresh draft of the copier
        copied = doc.with_user(self.staff_a).copy()
        self.assertRecordValues(
            copied, [{"state": "draft", "drafter_id": self.staff_a.id}]
        )

    def test_import_cannot_forge(self):
        Document = self.Document.with_user(self.staff_a)
        result = Document.load(["name", "state"], [["导入的伪造公文", "distributed"]])
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        result = Document.load(
            ["name", "number"], [["导入的伪造公文", "伪〔2026〕1号"]]
        )
        self.assertFalse(result["ids"])
        self.env.flush_all()
        self.assertFalse(self.Document.sudo().search([("name", "=", "导入的伪造公文")]))

    def test_step_commands_through_the_document_refused(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        # back to the drafter: his draft again, with its steps
        doc.with_user(self.leader_a).action_return(0, "请修改")
        step = doc.step_ids[:1]
        for commands in (
            [
                Command.update(
                    step.id, {"state": "done", "acted_by_id": self.leader_a.id}
                )
            ],
            [Command.create({"sequence": 1, "step_type": "sign", "state": "done"})],
            [Command.delete(step.id)],
            [Command.set([])],
        ):
            with self.subTest(commands=commands), self.assertRaises(UserError):
                doc.with_user(self.staff_a).write({"step_ids": commands})
        for name, commands in (
            ("incoming_ids", [Command.create({"unit_id": self.unit_b.id})]),
            ("supervision_ids", [Command.set([])]),
        ):
            with self.subTest(field=name), self.assertRaises(UserError):
                doc.with_user(self.staff_a).write({name: commands})
        step = self._reload(step)
        self.assertEqual(step.state, "returned")
        self.assertEqual(len(doc.step_ids), 6)
        self.assertFalse(doc.incoming_ids)

    def test_steps_are_read_only_for_everybody(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        step = doc.current_step_ids
        Step = self.env["oa.flow.step"]
        for role, user in self.roles.items():
            with self.subTest(role=role):
                # the access rights: read only, for every role
                for operation in ("write", "create", "unlink"):
                    with self.assertRaises(AccessError):
                        step.with_user(user).check_access(operation)
                # what an RPC client would call (model guard, then ACL)
                with self.assertRaises(UserError):
                    step.with_user(user).write({"state": "done"})
                with self.assertRaises(UserError):
                    step.with_user(user).write({"user_ids": [Command.link(user.id)]})
                with self.assertRaises(UserError):
                    Step.with_user(user).create(
                        {
                            "res_model": "oa.document",
                            "res_id": doc.id,
                            "name": "签发",
                            "sequence": 1,
                            "step_type": "sign",
                        }
                    )
                with self.assertRaises(UserError):
                    step.with_user(user).unlink()
        step = self._reload(step)
        self.assertRecordValues(
            step, [{"state": "pending", "user_ids": self.leader_a.ids}]
        )

    def test_step_guard_holds_without_the_acl(self):
        """Should an ACL ever grant write on steps, the model still refuses
        every field but to the flow."""
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        step = doc.current_step_ids
        self.env["ir.model.access"].create(
            {
                "name": "test: steps writable",
                "model_id": self.env["ir.model"]._get_id("oa.flow.step"),
                "group_id": self.env.ref("oa_base.group_oa_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        as_leader = step.with_user(self.leader_a)
        for vals in (
            {"state": "done"},
            {"acted_by_id": self.leader_a.id},
            {"date_end": fields.Datetime.now()},
            {"user_ids": [Command.link(self.staff_b.id)]},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_leader.write(vals)
        with self.assertRaises(UserError):
            self.env["oa.flow.step"].with_user(self.leader_a).create(
                {
                    "res_model": "oa.document",
                    "res_id": doc.id,
                    "name": "签发",
                    "sequence": 1,
                    "step_type": "sign",
                }
            )
        with self.assertRaises(UserError):
            as_leader.unlink()
        step = self._reload(step)
        self.assertEqual(step.state, "pending")

    def test_forged_document_cannot_be_archived_or_printed_as_signed(self):
        doc = self._draft()
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).write(
                {
                    "state": "distributed",
                    "sealed": True,
                    "signed_by_id": self.leader_a.id,
                }
            )
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).action_archive_document()
        doc = self._reload(doc)
        self.assertRecordValues(doc, [{"state": "draft", "archive_seq": 0}])
        self.assertFalse(self.Document._archive_chain_broken()[0])

    def test_number_written_on_draft_never_survives(self):
        doc = self._draft()
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a).write({"number": "伪〔2026〕1号"})
        self._run_until(doc, "distributed")
        self.assertEqual(doc.number, f"甲〔{datetime.now().year}〕1号")

    def test_write_and_unlink_by_role(self):
        """Only the drafter edits or deletes his draft; nobody edits a
        submitted document's content or flow fields."""
        draft = self._draft()
        sent = self._draft(name="已提交")
        sent.with_user(self.staff_a).action_submit()
        for role, user in self.roles.items():
            if role == "drafter":
                continue
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    draft.with_user(user).write({"name": "改标题"})
                with self.assertRaises(AccessError):
                    draft.with_user(user).unlink()
                with self.assertRaises(UserError):
                    sent.with_user(user).write({"state": "distributed"})
                with self.assertRaises(UserError):
                    sent.with_user(user).unlink()
        with self.assertRaises(UserError):
            sent.with_user(self.staff_a).write({"name": "提交后改标题"})
        draft, sent = self._reload(draft), self._reload(sent)
        self.assertEqual(draft.name, "关于协同办公系统试运行的通知")
        self.assertRecordValues(sent, [{"name": "已提交", "state": "review"}])
        draft.with_user(self.staff_a).unlink()
        self.assertFalse(draft.exists())

    def test_attachments_of_documents_not_readable_by_outsiders(self):
        doc = self._draft()
        att = (
            self.env["ir.attachment"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": "草稿附件.pdf",
                    "raw": b"%PDF-1.4 secret",
                    "res_model": "oa.document",
                    "res_id": doc.id,
                }
            )
        )
        for role in ("colleague", "other_unit_user", "unit_leader", "project"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                att.with_user(self.roles[role]).read(["datas"])

    # ---- the guards themselves (readers who pass the record rules) ----

    def test_only_drafter_submits(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        doc.with_user(self.leader_a).action_return(0, "请修改")
        # the leader still reads the returned draft (he acted on it): the
        # submit guard itself refuses him
        self.assertTrue(doc.with_user(self.leader_a).name)
        with self.assertRaises(AccessError) as error:
            doc.with_user(self.leader_a).action_submit()
        self.assertIn("Only the drafter", str(error.exception))
        self.assertEqual(self._reload(doc).state, "draft")

    def test_paper_copy_recorded_only_by_those_involved(self):
        doc = self._run_until(self._draft(), "sign")
        # a colleague of the issuing unit reads the document ...
        self.assertTrue(doc.with_user(self.staff_a2).name)
        # ... but is not involved: the guard refuses him
        for user in (self.staff_a2, self.admin_a1):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as error:
                doc.with_user(user).action_record_paper_sent()
            self.assertIn("Only the drafter, the actors", str(error.exception))
        with self.assertRaises(UserError):
            doc.with_user(self.staff_a2).write({"paper_sent": True})
        self.assertFalse(self._reload(doc).paper_sent)
        doc.with_user(self.clerk_a).action_record_paper_sent()
        self.assertTrue(doc.paper_sent)

    def test_return_arguments_validated(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        for args in ((["x"], "原因"), (0, 12), ("abc", "原因"), (-5, "原因")):
            with self.subTest(args=args), self.assertRaises(UserError):
                doc.with_user(self.leader_a).action_return(*args)
        with self.assertRaises(UserError):
            doc.with_user(self.leader_a).action_approve(opinion=["x"])
        self.assertEqual(self._reload(doc).state, "review")

    # ---- point 2: issuing unit ----

    def test_issuing_unit_is_one_of_the_drafters_units(self):
        with self.assertRaises(ValidationError):
            self._draft(name="冒名公文", issuing_unit_id=self.unit_b.id)
        doc = self._draft()
        with self.assertRaises(ValidationError):
            doc.with_user(self.staff_a).write({"issuing_unit_id": self.unit_b.id})
        # not the sub-unit of his unit either
        with self.assertRaises(ValidationError):
            doc.with_user(self.staff_a).write({"issuing_unit_id": self.unit_a_sub.id})
        self.assertEqual(self._reload(doc).issuing_unit_id, self.unit_a)
        self.assertFalse(self.Document.sudo().search([("name", "=", "冒名公文")]))
        # a unit administrator drafts for the units he administers
        self.unit_c.oa_admin_ids = self.admin_b
        doc_c = self.Document.with_user(self.admin_b).create(
            {
                "name": "代管单位发文",
                "issuing_unit_id": self.unit_c.id,
                "main_unit_ids": [Command.set(self.unit_a.ids)],
            }
        )
        self.assertEqual(doc_c.issuing_unit_id, self.unit_c)
        self.assertIn(self.unit_c, doc_c.drafting_unit_ids)

    def test_issuing_unit_frozen_after_submit(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        with self.assertRaises(UserError):
            doc.sudo().write({"issuing_unit_id": self.unit_b.id})
        self.assertEqual(self._reload(doc).issuing_unit_id, self.unit_a)

    # ---- point 6: isolation ----

    def test_default_sign_off_by_the_issuing_units_leader_only(self):
        self.sign_flow.active = False
        self.unit_a.oa_leader_id = self.leader_a
        doc = self._run_until_default(self._draft(), "sign")
        sign = doc.current_step_ids
        self.assertEqual(sign.user_ids, self.leader_a)
        # leaders of other units neither see nor sign it
        for user in (self.leader_b, self.leader_c):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.Document.with_user(user).search([("id", "=", doc.id)])
                )
                with self.assertRaises(AccessError):
                    doc.with_user(user).action_approve("同意")
        # a company leader who is not the unit's leader in charge does not sign
        with self.assertRaises(AccessError):
            doc.with_user(self.company_leader).action_approve("同意")
        self.assertEqual(self._reload(doc).state, "sign")

    def _run_until_default(self, doc, stop_state):
        doc.with_user(self.staff_a).action_submit()
        actors = {
            "review": self.leader_a,
            "check": self.clerk_a,
            "number": self.clerk_a,
            "seal": self.seal_a,
            "distribute": self.clerk_a,
        }
        while doc.state != stop_state:
            doc.with_user(actors[doc.state]).action_approve("同意")
        return doc

    def test_verify_wizard_does_not_reveal_other_units_documents(self):
        doc = self._run_until(
            self._draft(main_unit_ids=[Command.set(self.unit_b.ids)], copy_unit_ids=[]),
            "distributed",
        )
        Wizard = self.env["oa.document.verify.wizard"]
        outsider = Wizard.with_user(self.staff_c).create(
            {"fingerprint": doc.fingerprint}
        )
        outsider.action_verify()
        self.assertRecordValues(outsider, [{"result": "unknown", "document_id": False}])
        receiver = Wizard.with_user(self.staff_b).create(
            {"fingerprint": doc.fingerprint}
        )
        receiver.action_verify()
        self.assertRecordValues(receiver, [{"result": "match", "document_id": doc.id}])

    def test_flow_keeps_review_and_seal(self):
        Flow = self.env["oa.document.flow"].with_user(self.admin_b)
        for missing in ("review", "seal"):
            steps = [
                flow_step(10, "review", role="leader"),
                flow_step(20, "sign", role="leader"),
                flow_step(30, "number", role="clerk"),
                flow_step(40, "seal", role="seal_keeper"),
                flow_step(50, "distribute", role="clerk"),
            ]
            steps = [s for s in steps if s[2]["step_type"] != missing]
            with self.subTest(missing=missing), self.assertRaises(ValidationError):
                Flow.create(
                    {
                        "name": f"缺{missing}",
                        "unit_id": self.unit_b.id,
                        "kind": "briefing",
                        "step_ids": steps,
                    }
                )
        # a flow whose steps were removed one by one is refused at submit
        self.sign_flow.step_ids.filtered(lambda s: s.step_type == "seal").unlink()
        doc = self._draft()
        with self.assertRaises(ValidationError):
            doc.with_user(self.staff_a).action_submit()
        self.assertEqual(self._reload(doc).state, "draft")

    def test_one_person_may_not_hold_every_step(self):
        def create():
            return (
                self.env["oa.document.flow"]
                .with_user(self.admin_b)
                .create(
                    {
                        "name": "一人流程",
                        "unit_id": self.unit_b.id,
                        "kind": "briefing",
                        "step_ids": [
                            flow_step(seq, step_type, user_id=self.leader_b.id)
                            for seq, step_type in (
                                (10, "review"),
                                (20, "sign"),
                                (30, "number"),
                                (40, "seal"),
                                (50, "distribute"),
                            )
                        ],
                    }
                )
            )

        with self.assertRaises(ValidationError) as error:
            create()
        self.assertIn("could act at every step", str(error.exception))
        self.unit_b.oa_allow_single_actor_flow = True
        self.assertTrue(create())

    def test_flow_stays_in_the_admins_units(self):
        flow = self.env["oa.document.flow"].create(
            {
                "name": "乙单位简报",
                "unit_id": self.unit_b.id,
                "kind": "briefing",
                "step_ids": [
                    flow_step(10, "review", role="leader"),
                    flow_step(20, "sign", role="leader"),
                    flow_step(30, "number", role="clerk"),
                    flow_step(40, "seal", role="seal_keeper"),
                    flow_step(50, "distribute", role="clerk"),
                ],
            }
        )
        with self.assertRaises(AccessError):
            flow.with_user(self.admin_b).write({"unit_id": self.unit_a.id})
        # a step moved into another unit's flow
        with self.assertRaises(AccessError):
            flow.step_ids[:1].with_user(self.admin_b).write(
                {"flow_id": self.sign_flow.id}
            )
        for role, user in self.roles.items():
            if role == "project":  # the project group manages every flow
                continue
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    flow.with_user(user).write({"name": "改"})
                with self.assertRaises(AccessError):
                    flow.step_ids[:1].with_user(user).write({"role": "admin"})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(flow.unit_id, self.unit_b)
        self.assertEqual(flow.step_ids[:1].flow_id, flow)

    # ---- counters and archive checks ----

    def test_counters_closed_to_users(self):
        Counter = self.env["oa.document.number.counter"]
        Counter._take_next(self.unit_a, "formal", 2026)
        for role, user in self.roles.items():
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    Counter.with_user(user).search([])
                with self.assertRaises(AccessError):
                    Counter.with_user(user).create(
                        {"unit_id": self.unit_a.id, "kind": "formal", "year": 2027}
                    )

    def test_archive_check_by_the_project_group_recorded(self):
        Check = self.env["oa.document.archive.check"]
        for role in ("drafter", "unit_admin", "clerk", "unit_leader"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                Check.with_user(self.roles[role]).action_run_check()
        action = Check.with_user(self.project_user).action_run_check()
        check = Check.browse(action["res_id"])
        self.assertRecordValues(
            check.with_user(self.project_user),
            [{"result": "ok", "origin": "manual", "broken_count": 0}],
        )
        with self.assertRaises(AccessError):
            check.with_user(self.project_user).write({"result": "broken"})
        with self.assertRaises(AccessError):
            Check.with_user(self.project_user).create(
                {"result": "ok", "origin": "manual"}
            )
        with self.assertRaises(AccessError):
            check.with_user(self.staff_a).read(["result"])
        # the daily scheduled action records its result too
        self.env.ref(
            "oa_document.ir_cron_oa_archive_chain_check"
        ).method_direct_trigger()
        self.assertEqual(Check.search([], limit=1).origin, "cron")
