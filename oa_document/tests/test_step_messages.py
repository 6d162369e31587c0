# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A step's message (what was done, by whom, the opinion) reaches the
chatter in every case: it rides on the state change's tracking message, and
is posted on its own where no tracking message comes (a step that leaves
the state as it was, server code running without tracking)."""

from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestStepMessages(OaDocumentCommon):
    def _commit_messages(self, doc):
        """What the chatter holds once the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        return doc.sudo().message_ids

    def _with_opinion(self, messages, opinion):
        return messages.filtered(lambda m: opinion in (m.body or ""))

    def _subtype(self, message):
        return message.subtype_id.get_external_id()[message.subtype_id.id]

    def test_message_posted_when_the_state_stays(self):
        """Review, then a countersign: both are the state "review", so the
        review's approval changes no tracked field and mail posts no
        tracking message to carry its opinion."""
        self.sign_flow.step_ids = [
            Command.create(
                {
                    "sequence": 15,
                    "step_type": "countersign",
                    "actor_type": "role",
                    "role": "leader",
                    "countersign_unit_ids": [Command.set(self.unit_b.ids)],
                }
            ),
        ]
        doc = self._draft().with_context(tracking_disable=False)
        doc.with_user(self.staff_a).action_submit()
        self._commit_messages(doc)
        doc.with_user(self.leader_a).action_approve("审核同意,请乙单位会签。")
        self.assertEqual(doc.state, "review")
        found = self._with_opinion(
            self._commit_messages(doc), "审核同意,请乙单位会签。"
        )
        self.assertEqual(len(found), 1)
        self.assertEqual(found.author_id, self.leader_a.partner_id)
        self.assertEqual(self._subtype(found), "oa_document.mt_document_approved")

    def test_last_message_posted_without_tracking(self):
        """Server code running with ``tracking_disable`` (as imports and the
        tests' records do): the step's message still reaches the chatter,
        the last one of the transaction too."""
        doc = self._draft().with_context(tracking_disable=True)
        doc.with_user(self.staff_a).action_submit()
        doc.with_user(self.leader_a).action_approve("审核同意,转核稿。")
        doc.with_user(self.clerk_a).action_approve("核稿无误。")
        messages = self._commit_messages(doc)
        self.assertEqual(doc.state, "sign")
        for opinion, subtype in (
            ("审核同意,转核稿。", "oa_document.mt_document_approved"),
            ("核稿无误。", "oa_document.mt_document_approved"),
        ):
            with self.subTest(opinion=opinion):
                found = self._with_opinion(messages, opinion)
                self.assertEqual(len(found), 1)
                self.assertEqual(self._subtype(found), subtype)
        submitted = messages.filtered(
            lambda m: self._subtype(m) == "oa_document.mt_document_submitted"
        )
        self.assertEqual(len(submitted), 1)

    def test_tracked_step_posts_one_message(self):
        """With tracking, the step's message is the state change's: one
        message with the tracking values, not a second one."""
        doc = self._draft().with_context(tracking_disable=False)
        doc.with_user(self.staff_a).action_submit()
        self._commit_messages(doc)
        doc.with_user(self.leader_a).action_approve("同意,请核稿。")
        found = self._with_opinion(self._commit_messages(doc), "同意,请核稿。")
        self.assertEqual(len(found), 1)
        self.assertTrue(found.tracking_value_ids)

    def test_message_logged_before_the_move_rides_on_it(self):
        """Archiving logs its message before it writes the state: the
        message still goes with the state change's tracking, once."""
        doc = self._run_until(self._draft(), "distributed")
        self._commit_messages(doc)
        doc.with_user(self.clerk_a).with_context(
            tracking_disable=False
        ).action_archive_document()
        found = self._with_opinion(
            self._commit_messages(doc), f"Archived by {self.clerk_a.name}"
        )
        self.assertEqual(len(found), 1)
        self.assertTrue(found.tracking_value_ids)
        self.assertEqual(self._subtype(found), "oa_document.mt_document_archived")

    def test_distribution_is_one_message(self):
        """The distribution's receiving units are said in the step's message
        (one notice to the followers), not in a second message before it."""
        doc = self._run_until(self._draft(), "distribute")
        self._commit_messages(doc)
        doc.with_user(self.clerk_a).with_context(tracking_disable=False).action_approve(
            "请各单位查收。"
        )
        distributed = self._commit_messages(doc).filtered(
            lambda m: self._subtype(m) == "oa_document.mt_document_distributed"
        )
        self.assertEqual(len(distributed), 1)
        self.assertIn("Distributed to 2 units.", distributed.body)
        self.assertIn("请各单位查收。", distributed.body)
        self.assertTrue(distributed.tracking_value_ids)

    def _proxy(self, user, proxy):
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": user.id,
                "proxy_user_id": proxy.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )

    def test_proxy_step_is_one_message(self):
        """A proxy's step: one message says for whom he acted, with the
        move it made (signed), not a second one beside it."""
        doc = self._run_until(self._draft(), "sign")
        self._commit_messages(doc)
        self._proxy(self.company_leader, self.admin_a2)
        doc.with_user(self.admin_a2).with_context(
            tracking_disable=False
        ).action_approve("代为签发。")
        found = self._with_opinion(self._commit_messages(doc), "代为签发。")
        self.assertEqual(len(found), 1)
        self.assertIn(f"on behalf of {self.company_leader.name}", found.body)
        self.assertEqual(self._subtype(found), "oa_document.mt_document_signed")
        self.assertTrue(found.tracking_value_ids)

    def test_proxy_receipt_step_is_one_message(self):
        """The same on a receipt: the leader's proxy instructs, one message."""
        doc = self._run_until(self._draft(), "distributed")
        inc = doc.incoming_ids.filtered(lambda r: r.unit_id == self.unit_b)
        inc.with_user(self.clerk_b).action_receive()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        self._commit_messages(inc)
        self._proxy(self.leader_b, self.admin_b)
        acting = inc.with_user(self.admin_b).with_context(tracking_disable=False)
        acting.write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        acting.action_instruct("代为批办。")
        messages = self._commit_messages(inc)
        found = self._with_opinion(messages, "代为批办。")
        self.assertEqual(len(found), 1)
        self.assertIn(f"on behalf of {self.leader_b.name}", found.body)
        self.assertFalse(
            messages.filtered(lambda m: "on behalf of" in (m.body or "") and m != found)
        )
