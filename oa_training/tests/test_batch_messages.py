# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaTrainingCommon


@tagged("post_install", "-at_install")
class TestBatchMessages(OaTrainingCommon):
    """Opening and closing a batch post their own named subtype, which the
    batch's followers receive by default."""

    def posted(self, batch, subtype_xmlid):
        # the tracking messages are posted when the transaction ends
        self.env.flush_all()
        self.env.cr.precommit.run()
        subtype = self.env.ref(subtype_xmlid)
        self.assertEqual(subtype.res_model, "oa.training.batch")
        self.assertTrue(subtype.default)
        return self.env["mail.message"].search(
            [
                ("model", "=", "oa.training.batch"),
                ("res_id", "=", batch.id),
                ("subtype_id", "=", subtype.id),
            ]
        )

    def test_open_and_close_post_their_subtypes(self):
        # the state is tracked (the common fixture disables tracking)
        batch = self.make_batch("第一批", 2, open_it=False).with_context(
            tracking_disable=False
        )
        batch.sudo().message_subscribe(partner_ids=self.trainer.partner_id.ids)
        # the creation's discarded tracking ends with its transaction
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertFalse(self.posted(batch, "oa_training.mt_batch_opened"))
        batch.with_user(self.project_user).action_open()
        opened = self.posted(batch, "oa_training.mt_batch_opened")
        self.assertEqual(len(opened), 1)
        self.assertIn(self.trainer.partner_id, opened.notified_partner_ids)
        batch.with_user(self.project_user).action_close()
        closed = self.posted(batch, "oa_training.mt_batch_closed")
        self.assertEqual(len(closed), 1)
        self.assertIn(self.trainer.partner_id, closed.notified_partner_ids)
        self.assertEqual(len(self.posted(batch, "oa_training.mt_batch_opened")), 1)
