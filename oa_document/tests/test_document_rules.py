# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentRules(OaDocumentCommon):
    def _visible(self, user, doc):
        return bool(self.Document.with_user(user).search([("id", "=", doc.id)]))

    def test_draft_seen_by_drafter_only(self):
        doc = self._draft()
        self.assertTrue(self._visible(self.staff_a, doc))
        for user in (
            self.leader_a,
            self.admin_a1,
            self.staff_b,
            self.admin_b,
            self.project_user,
        ):
            with self.subTest(user=user.login):
                self.assertFalse(self._visible(user, doc))

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_other_unit_cannot_read_draft(self):
        doc = self._draft()
        with self.assertRaises(AccessError):
            doc.with_user(self.staff_b).read(["name"])

    def test_submitted_seen_by_actor_and_issuing_unit(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        for user in (self.leader_a, self.clerk_a, self.admin_a1, self.project_user):
            with self.subTest(user=user.login):
                self.assertTrue(self._visible(user, doc))
        for user in (self.staff_b, self.clerk_b, self.staff_c, self.admin_b):
            with self.subTest(user=user.login):
                self.assertFalse(self._visible(user, doc))

    def test_receivers_see_only_what_was_sent_to_them(self):
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]),
            "distributed",
        )
        self.assertTrue(self._visible(self.staff_b, doc))
        self.assertTrue(self._visible(self.clerk_b, doc))
        self.assertFalse(self._visible(self.staff_c, doc))
        Incoming = self.env["oa.document.incoming"]
        self.assertEqual(
            Incoming.with_user(self.clerk_b)
            .search([("document_id", "=", doc.id)])
            .unit_id,
            self.unit_b,
        )
        self.assertFalse(
            Incoming.with_user(self.staff_c).search([("document_id", "=", doc.id)])
        )
        # the sender sees every receipt of his document
        self.assertEqual(
            len(
                Incoming.with_user(self.staff_a).search([("document_id", "=", doc.id)])
            ),
            1,
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_drafter_edits_draft(self):
        doc = self._draft()
        doc.with_user(self.staff_a).write({"name": "修改后的标题"})
        with self.assertRaises(AccessError):
            doc.with_user(self.leader_a).write({"name": "领导改标题"})
        self.assertEqual(doc.name, "修改后的标题")

    def test_steps_visible_to_project_group_for_metrics(self):
        doc = self._draft()
        doc.with_user(self.staff_a).action_submit()
        steps = (
            self.env["oa.flow.step"]
            .with_user(self.project_user)
            .search([("document_id", "=", doc.id), ("res_model", "=", "oa.document")])
        )
        self.assertEqual(len(steps), 6)
        self.assertFalse(
            self.env["oa.flow.step"]
            .with_user(self.staff_b)
            .search([("document_id", "=", doc.id), ("res_model", "=", "oa.document")])
        )

    def test_rules_see_what_is_not_written_yet(self):
        """The rules are checked in SQL (oa_base's ``oa_rule_sql``): a
        receipt's actors still to be recomputed in memory (the clerk has just
        named the leader) are written first, and the leader may act at once,
        as Odoo's check in Python allowed."""
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]),
            "distributed",
        )
        inc = doc.incoming_ids.with_user(self.clerk_b)
        inc.action_receive()
        inc.write({"leader_id": self.leader_b.id})
        as_leader = inc.with_user(self.leader_b)
        self.assertIsNone(as_leader._check_access("write"))
        as_leader.check_access("write")
