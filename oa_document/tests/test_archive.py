# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestArchive(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._draft(name="第一份归档公文")
        cls.second = cls._draft(name="第二份归档公文")

    def _archive(self, doc):
        self._run_until(doc, "distributed")
        doc.with_user(self.clerk_a).action_archive_document()
        return doc

    def test_archive_chains_hashes(self):
        self._archive(self.first)
        self._archive(self.second)
        self.assertEqual(self.first.state, "archived")
        self.assertEqual(self.second.archive_seq, self.first.archive_seq + 1)
        self.assertEqual(self.second.archive_prev_hash, self.first.archive_hash)
        self.assertEqual(len(self.second.archive_hash), 64)
        self.assertFalse(self.Document._archive_chain_broken()[0])

    def test_tampering_is_detected(self):
        self._archive(self.first)
        self._archive(self.second)
        self.env.flush_all()
        # someone edits the archived text behind the application's back
        self.env.cr.execute(
            "UPDATE oa_document SET body = '<p>被篡改的正文</p>' WHERE id = %s",
            [self.first.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self.Document._archive_chain_broken()[0], self.first)

    def test_removed_link_is_detected(self):
        self._archive(self.first)
        self._archive(self.second)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE oa_document SET archive_hash = 'x' WHERE id = %s", [self.first.id]
        )
        self.env.invalidate_all()
        self.assertIn(self.second, self.Document._archive_chain_broken()[0])

    def test_archived_is_read_only(self):
        self._archive(self.first)
        for vals in ({"name": "改标题"}, {"paper_sent": True}, {"state": "draft"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.first.sudo().write(vals)
        self.assertEqual(self.first.state, "archived")
        with self.assertRaises(UserError):
            self.first.sudo().unlink()
        # the chatter stays usable
        self.first.with_user(self.clerk_a).message_post(body="归档后备注")

    def test_archive_only_when_distributed(self):
        self._run_until(self.first, "distribute")
        with self.assertRaises(UserError):
            self.first.with_user(self.clerk_a).action_archive_document()

    def test_archive_only_by_drafter_or_issuing_clerk(self):
        self._run_until(self.first, "distributed")
        with self.assertRaises(AccessError):
            self.first.with_user(self.clerk_b).action_archive_document()
        self.assertEqual(self.first.state, "distributed")
