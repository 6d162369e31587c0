# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged, users, warmup

from .common import OaDocumentCommon

# queries of one distribution, whatever the number of receiving units
# (the receiving clerks' to-dos included: one batch; the receipts' first
# step rows: one INSERT, and the units' time limits)
DISTRIBUTION_QUERIES = 22


@tagged("post_install", "-at_install")
class TestDistributionQueries(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receivers = (
            cls.env["hr.department"]
            .with_context(tracking_disable=True)
            .create(
                [{"name": f"接收单位{i:03d}", "is_oa_unit": True} for i in range(200)]
            )
        )

    def _ready_to_distribute(self, receivers):
        doc = self._draft(
            main_unit_ids=[(6, 0, receivers[: len(receivers) // 2].ids)],
            copy_unit_ids=[(6, 0, receivers[len(receivers) // 2 :].ids)],
        )
        return self._run_until(doc, "distribute")

    def _distribute_counted(self, count):
        doc = self._ready_to_distribute(self.receivers[:count])
        self.env.invalidate_all()
        with self.assertQueryCount(DISTRIBUTION_QUERIES):
            doc._distribute()
        incoming = doc.incoming_ids
        self.assertEqual(len(incoming), count)
        self.assertEqual(set(incoming.mapped("state")), {"to_receive"})
        self.assertEqual(set(incoming.mapped("name")), {doc.name})
        self.assertEqual(
            incoming.filtered(lambda i: i.recipient_type == "copy").unit_id,
            self.receivers[count // 2 : count],
        )

    def test_receipt_actors_as_the_orm_computes_them(self):
        self.receivers[0].oa_admin_ids = self.staff_b
        clerk = self.clerk_b.copy(
            {"login": "oa_clerk_r0", "oa_unit_id": self.receivers[0].id}
        )
        doc = self._ready_to_distribute(self.receivers[:2])
        doc._distribute()
        receipt = doc.sudo().incoming_ids.filtered(
            lambda i: i.unit_id == self.receivers[0]
        )
        self.assertEqual(receipt.actor_ids, self.staff_b | clerk)
        stored = receipt.actor_ids
        receipt._compute_actor_ids()
        self.assertEqual(receipt.actor_ids, stored)

    @warmup
    @users("__system__")
    def test_distribute_10_units(self):
        self._distribute_counted(10)

    @warmup
    @users("__system__")
    def test_distribute_200_units(self):
        self._distribute_counted(200)
