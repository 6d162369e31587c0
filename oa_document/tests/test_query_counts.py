# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaDocumentCommon

# Queries of each step of one document through the whole outgoing and
# incoming flow, as its actor, measured with the whole suite installed (the
# notice after each step names who holds the record now; 拟办/批办 carry
# their opinion).  Each receipt step is a row of the flow kernel: one
# statement closes the step done and opens the next with its actors; 签收
# also proposes the unit's leader in charge as 批办领导 (his access follows).
# A receipt's holders are read from its pending step's row (one query); the
# outgoing steps are rows of the same table, who may act on them (the
# assigned users and their proxies) written in one statement.
# bench/document_flow.py prints the same per document.
QUERY_BUDGET = 265
OUTGOING = {
    "submit": 28,
    "review": 20,
    "check": 16,
    "sign": 16,
    "number": 19,
    "seal": 18,
    "distribute": 37,
}
INCOMING = {
    "receive": 28,
    "propose": 21,
    "instruct": 20,
    "start": 13,
    "finish": 13,
    "archive_incoming": 15,
}


@tagged("post_install", "-at_install")
class TestQueryCounts(OaDocumentCommon):
    def _warm(self):
        """One document through the flow first: caches and prepared
        lookups are warm, as in a running server."""
        doc = self._run_until(
            self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]),
            "distributed",
        )
        self._incoming_flow(doc.incoming_ids)

    def _incoming_flow(self, inc, counts=None):
        steps = [
            ("receive", self.clerk_b, {}),
            (
                "propose",
                self.clerk_b,
                {"leader_id": self.leader_b.id},
                "拟办",
            ),
            (
                "instruct",
                self.leader_b,
                {"handler_ids": [(6, 0, self.staff_b.ids)]},
                "批办",
            ),
            ("start", self.staff_b, {}),
            ("finish", self.staff_b, {"feedback": "已办结"}),
            ("archive_incoming", self.clerk_b, {}),
        ]
        for action, user, values, *opinion in steps:
            record = inc.with_user(user)
            if values:
                record.write(values)
            if counts is None:
                getattr(record, f"action_{action}")(*opinion)
                continue
            with self.assertQueryCount(counts[action]):
                getattr(record, f"action_{action}")(*opinion)

    def test_budget_per_document(self):
        total = sum(OUTGOING.values()) + sum(INCOMING.values())
        self.assertLessEqual(total, QUERY_BUDGET)

    def test_queries_per_step(self):
        self._warm()
        doc = self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)])
        with self.assertQueryCount(OUTGOING["submit"]):
            doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != "distributed":
            state = doc.state
            with self.assertQueryCount(OUTGOING[state]):
                doc.with_user(actors[state]).action_approve("同意")
        self._incoming_flow(doc.incoming_ids, INCOMING)
