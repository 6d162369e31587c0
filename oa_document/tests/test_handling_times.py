# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import OaDocumentCommon


@tagged("post_install", "-at_install")
class TestHandlingTimes(OaDocumentCommon):
    """公文时效 reads the step rows of the sending and the receiving units
    alike, each user only those of the records he may read."""

    def test_sending_and_receiving_units_steps(self):
        doc = self._run_until(self._draft(), "distributed")
        receipt_b = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_b)
        receipt_c = doc.incoming_ids.filtered(lambda i: i.unit_id == self.unit_c)
        receipt_b.with_user(self.clerk_b).action_receive()
        action = self.env.ref("oa_document.oa_document_step_action_report")
        domain = safe_eval(action.domain)
        Step = self.env["oa.flow.step"].with_user(self.clerk_b)
        steps = Step.search(domain)
        outgoing = steps.filtered(lambda s: s.res_model == "oa.document")
        receiving = steps - outgoing
        self.assertEqual(set(outgoing.mapped("res_id")), {doc.id})
        self.assertEqual(set(receiving.mapped("res_id")), {receipt_b.id})
        self.assertIn("receive", receiving.mapped("step_type"))
        self.assertNotIn(receipt_c.id, steps.mapped("res_id"))
        # the pivot: per acting unit, the sender's and the receiver's rows
        groups = Step.read_group(domain, ["waiting_hours:avg"], ["unit_id"])
        self.assertEqual(
            {group["unit_id"][0] for group in groups},
            {self.unit_a.id, self.unit_b.id},
        )
        # the document's steps are found by its title too
        self.assertEqual(
            Step.search([*domain, ("document_id", "ilike", doc.name)]), steps
        )
        # another receiving unit's user reads the document's steps (it was
        # sent to him too), not the other unit's receipt's
        steps_c = self.env["oa.flow.step"].with_user(self.staff_c).search(domain)
        self.assertIn(
            doc.id,
            steps_c.filtered(lambda s: s.res_model == "oa.document").mapped("res_id"),
        )
        self.assertNotIn(
            receipt_b.id,
            steps_c.filtered(lambda s: s.res_model != "oa.document").mapped("res_id"),
        )
