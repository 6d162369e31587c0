# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on incoming documents (收文), as each role, over what an RPC
client can call: create, read, write of every protected field and of the
step inputs, unlink, transitions, context keys."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon
from .security_common import BYPASS_CONTEXT, SecurityMixin

MAIL_PREFIXES = ("message_", "activity_", "website_message", "rating_")


@tagged("post_install", "-at_install")
class TestSecurityIncoming(SecurityMixin, OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk_c = new_test_user(
            cls.env,
            login="oa_clerk_c",
            groups="oa_base.group_oa_document_clerk",
            oa_unit_id=cls.unit_c.id,
        )
        cls.handler_b = new_test_user(
            cls.env,
            login="oa_handler_b",
            groups="oa_base.group_oa_user",
            oa_unit_id=cls.unit_b.id,
        )
        doc = cls._draft(name="关于报送安全生产情况的通知")
        doc.with_user(cls.staff_a).action_submit()
        actors = {
            "review": cls.leader_a,
            "check": cls.clerk_a,
            "sign": cls.company_leader,
            "number": cls.clerk_a,
            "seal": cls.seal_a,
            "distribute": cls.clerk_a,
        }
        while doc.state != "distributed":
            doc.with_user(actors[doc.state]).action_approve("同意")
        cls.doc = doc
        cls.incoming = doc.incoming_ids.filtered(lambda i: i.unit_id == cls.unit_b)
        cls.Incoming = cls.env["oa.document.incoming"]

    # ---- helpers ----

    def _to(self, state):
        """Move the receipt of unit B through its flow, as its actors."""
        inc = self.incoming
        if inc.state == "to_receive" and state != "to_receive":
            inc.with_user(self.clerk_b).action_receive()
        if inc.state == "registered" and state != "registered":
            inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
            inc.with_user(self.clerk_b).action_propose("拟请主管领导阅示")
        if inc.state == "proposed" and state != "proposed":
            inc.with_user(self.leader_b).write(
                {"handler_ids": [(6, 0, self.handler_b.ids)]}
            )
            inc.with_user(self.leader_b).action_instruct("请办理")
        if inc.state == "instructed" and state != "instructed":
            inc.with_user(self.handler_b).action_start()
        if inc.state == "handling" and state != "handling":
            inc.with_user(self.handler_b).write({"feedback": "已办理"})
            inc.with_user(self.handler_b).action_finish()
        if inc.state == "done" and state != "done":
            inc.with_user(self.clerk_b).action_archive_incoming()
        self.assertEqual(inc.state, state)
        return inc

    def _roles(self):
        return {
            "receiving clerk": self.clerk_b,
            "other-unit clerk (issuing unit)": self.clerk_a,
            "other-unit clerk": self.clerk_c,
            "plain user of the receiving unit": self.staff_b,
            "handler": self.handler_b,
            "leader of the unit": self.leader_b,
            "leader of another unit": self.leader_c,
            "unit admin": self.admin_b,
            "admin of another unit": self.admin_a1,
            "project group": self.project_user,
        }

    # ---- the list of protected fields ----

    def test_every_workflow_field_is_protected(self):
        """Every stored field but the step inputs and the chatter is in the
        protected list: a new field cannot be forgotten."""
        protected = self.Incoming._oa_protected_fields()
        inputs = {"leader_id", "handler_ids", "feedback"}
        magic = {"id", "create_uid", "create_date", "write_uid", "write_date"}
        for name, field in self.Incoming._fields.items():
            if name in magic or name.startswith(MAIL_PREFIXES):
                continue
            if field.store or field.related:
                with self.subTest(field=name):
                    self.assertIn(name, protected | inputs)
        self.assertTrue(protected.isdisjoint(inputs))

    # ---- write ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_receiving_clerk_cannot_forge_state_or_number(self):
        """The reproduced attack: state='archived' and a receipt number on a
        receipt not yet signed for, with or without context keys."""
        before = self._snapshot(self.incoming, ["state", "receipt_number"])
        for ctx in ({}, BYPASS_CONTEXT):
            with self.subTest(context=ctx), self.assertRefused(UserError) as error:
                self.incoming.with_user(self.clerk_b).with_context(**ctx).write(
                    {"state": "archived", "receipt_number": "乙收〔2026〕999号"}
                )
            self.assertIn("State", str(error.exception))
            self.assertIn("Receipt Number", str(error.exception))
        self.assertUnchanged(self.incoming, before)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_protected_fields_refused_to_every_role(self):
        """Each protected field, written by each role, at a state where the
        role is an actor: refused by the python guard (UserError), or for
        those the rules keep out, by the rules; nothing changes."""
        inc = self._to("handling")  # clerk, admin, leader, handler all act
        protected = sorted(self.Incoming._oa_protected_fields())
        before = self._snapshot(inc, protected)
        actors = {self.clerk_b, self.admin_b, self.leader_b, self.handler_b}
        for role, user in self._roles().items():
            for name in protected:
                value = self._other_value(inc, name)
                with self.subTest(role=role, field=name):
                    # AccessError is a UserError: for the actors, check below
                    # that it is the guard, not the rules, that refused
                    with self.assertRefused(UserError) as error:
                        inc.with_user(user).with_context(**BYPASS_CONTEXT).write(
                            {name: value}
                        )
                    if user in actors:
                        # the guard itself, not the record rules, refused
                        self.assertNotIsInstance(error.exception, AccessError)
        self.assertUnchanged(inc, before)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_step_inputs_only_at_their_step_by_their_actor(self):
        # the leader before the receipt
        with self.assertRefused(UserError):
            self.incoming.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc = self._to("registered")
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        # the chosen leader may act on the receipt but not choose himself
        with self.assertRefused(AccessError):
            inc.with_user(self.leader_b).write({"leader_id": self.leader_b.id})
        # a plain user of the unit may read, never write
        with self.assertRefused(AccessError):
            inc.with_user(self.staff_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        # the handlers are the leader's choice, not the clerk's
        with self.assertRefused(AccessError):
            inc.with_user(self.clerk_b).write(
                {"handler_ids": [(6, 0, self.handler_b.ids)]}
            )
        self._to("handling")
        # the feedback is the handler's, not the clerk's nor the leader's
        for user in (self.clerk_b, self.leader_b):
            with self.subTest(user=user.login), self.assertRefused(AccessError):
                inc.with_user(user).write({"feedback": "代为反馈"})
        with self.assertRefused(UserError):
            inc.with_user(self.leader_b).write({"handler_ids": [(4, self.staff_b.id)]})
        self.assertRecordValues(
            self._fresh(inc),
            [{"feedback": False, "instruction": "请办理", "proposal": "拟办"}],
        )
        self.assertEqual(self._fresh(inc).handler_ids, self.handler_b)

    def test_proposal_goes_to_a_leader(self):
        """The clerk cannot name himself (or any non-leader) to instruct,
        which would also let that user read the receipt."""
        inc = self._to("registered")
        with self.assertRefused(UserError):
            inc.with_user(self.clerk_b).write({"leader_id": self.clerk_b.id})
        # the unit's leader in charge, given when it was signed for, stays
        self.assertEqual(self._fresh(inc).leader_id, self.leader_b)
        # a leader set otherwise is checked again when proposing
        inc.sudo().write({"leader_id": self.clerk_b.id})
        with self.assertRefused(UserError):
            inc.with_user(self.clerk_b).action_propose("拟请自己批办")
        self.assertEqual(self._fresh(inc).state, "registered")

    # ---- transitions ----

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_each_transition_only_by_its_actor(self):
        """Every step refused to every role but its actor: the guard itself
        refuses those who can read the receipt."""
        steps = [
            ("to_receive", "action_receive", {self.clerk_b, self.admin_b}),
            ("registered", "action_propose", {self.clerk_b, self.admin_b}),
            ("proposed", "action_instruct", {self.leader_b}),
            ("instructed", "action_start", {self.handler_b}),
            ("handling", "action_finish", {self.handler_b}),
            ("done", "action_archive_incoming", {self.clerk_b, self.admin_b}),
        ]
        for state, method, allowed in steps:
            inc = self._to(state)
            if state == "registered":
                inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
            if state == "proposed":
                inc.with_user(self.leader_b).write(
                    {"handler_ids": [(6, 0, self.handler_b.ids)]}
                )
            if state == "handling":
                inc.with_user(self.handler_b).write({"feedback": "已办理"})
            for role, user in self._roles().items():
                if user in allowed:
                    continue
                with (
                    self.subTest(step=method, role=role),
                    self.assertRefused(AccessError),
                ):
                    getattr(
                        inc.with_user(user).with_context(**BYPASS_CONTEXT), method
                    )()
                self.assertEqual(self._fresh(inc).state, state)

    def test_unit_admin_receives_for_his_unit(self):
        self.incoming.with_user(self.admin_b).action_receive()
        self.assertRecordValues(
            self._fresh(self.incoming),
            [{"state": "registered", "received_by_id": self.admin_b.id}],
        )

    def test_every_step_records_who_and_when(self):
        inc = self._to("archived")
        self.assertRecordValues(
            self._fresh(inc),
            [
                {
                    "received_by_id": self.clerk_b.id,
                    "proposed_by_id": self.clerk_b.id,
                    "instructed_by_id": self.leader_b.id,
                    "started_by_id": self.handler_b.id,
                    "done_by_id": self.handler_b.id,
                    "archived_by_id": self.clerk_b.id,
                }
            ],
        )
        inc = self._fresh(inc)
        for name in (
            "date_received",
            "date_proposed",
            "date_instructed",
            "date_started",
            "date_done",
            "date_archived",
        ):
            self.assertTrue(inc[name], name)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_paper_copy_recorded_only_by_receiving_clerks(self):
        """A plain user of the receiving unit reads the receipt: the guard
        itself refuses him; he cannot write the paper fields either."""
        self.assertTrue(self.incoming.with_user(self.staff_b).read(["name"]))
        before = self._snapshot(
            self.incoming, ["paper_received", "paper_received_date"]
        )
        with self.assertRefused(AccessError):
            self.incoming.with_user(self.staff_b).action_record_paper_received()
        with self.assertRefused(UserError):
            self.incoming.with_user(self.clerk_b).write({"paper_received": True})
        self.assertUnchanged(self.incoming, before)
        self.incoming.with_user(self.clerk_b).action_record_paper_received()
        self.assertRecordValues(
            self._fresh(self.incoming),
            [
                {
                    "paper_received": True,
                    "paper_received_by_id": self.clerk_b.id,
                    "state": "to_receive",
                }
            ],
        )
        with self.assertRefused(UserError):
            self.incoming.with_user(self.clerk_b).action_record_paper_received()

    # ---- create, read, unlink ----

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_nobody_creates_a_receipt_by_hand(self):
        vals = {
            "document_id": self.doc.id,
            "unit_id": self.unit_b.id,
            "state": "archived",
            "receipt_number": "伪造",
        }
        for role, user in self._roles().items():
            with self.subTest(role=role), self.assertRefused(UserError):
                self.Incoming.with_user(user).with_context(**BYPASS_CONTEXT).create(
                    vals
                )
        # even with the right to create, the guard refuses
        self.env["ir.model.access"].create(
            {
                "name": "test: users may create receipts",
                "model_id": self.env["ir.model"]._get_id("oa.document.incoming"),
                "group_id": self.env.ref("oa_base.group_oa_user").id,
                "perm_create": True,
            }
        )
        for attack in (
            lambda: self.Incoming.with_user(self.clerk_b).create(
                {"document_id": self.doc.id, "unit_id": self.unit_b.id}
            ),
            lambda: self.incoming.with_user(self.clerk_b).copy(),
        ):
            with self.assertRefused(UserError) as error:
                attack()
            self.assertNotIsInstance(error.exception, AccessError)
        self.assertEqual(
            self.Incoming.search_count([("document_id", "=", self.doc.id)]), 2
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_no_receipt_through_the_document(self):
        """x2many commands through the parent document: the drafter writes
        his draft, but neither creates nor changes receipts through it."""
        draft = self._draft(name="草稿")
        for command in (
            [(0, 0, {"unit_id": self.unit_b.id, "state": "archived"})],
            [(1, self.incoming.id, {"state": "archived"})],
            [(4, self.incoming.id)],
        ):
            with self.subTest(command=command), self.assertRefused(UserError):
                draft.with_user(self.staff_a).write({"incoming_ids": command})
        self.assertFalse(self._fresh(draft).incoming_ids)
        self.assertRecordValues(
            self._fresh(self.incoming),
            [{"state": "to_receive", "document_id": self.doc.id}],
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_nobody_deletes_a_receipt(self):
        for role, user in self._roles().items():
            with self.subTest(role=role), self.assertRefused(AccessError):
                self.incoming.with_user(user).unlink()
        self.env["ir.model.access"].create(
            {
                "name": "test: users may delete receipts",
                "model_id": self.env["ir.model"]._get_id("oa.document.incoming"),
                "group_id": self.env.ref("oa_base.group_oa_user").id,
                "perm_unlink": True,
            }
        )
        with self.assertRefused(UserError):
            self.incoming.with_user(self.clerk_b).unlink()
        self.assertTrue(self._fresh(self.incoming).exists())

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_read_only_by_the_units_concerned(self):
        readers = {
            self.clerk_b,
            self.staff_b,
            self.leader_b,
            self.admin_b,
            self.clerk_a,
            self.admin_a1,
            self.project_user,
        }
        for role, user in self._roles().items():
            if user == self.handler_b:
                continue  # reads as a member of unit B
            with self.subTest(role=role):
                found = self.Incoming.with_user(user).search(
                    [("id", "=", self.incoming.id)]
                )
                if user in readers:
                    self.assertEqual(found, self.incoming)
                else:
                    self.assertFalse(found)
                    with self.assertRefused(AccessError):
                        self.incoming.with_user(user).read(["name"])
