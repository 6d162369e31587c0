# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaDocumentCommon

# Queries of each step of one document through the whole outgoing and
# incoming flow, as its actor (the notice after each step names who holds
# the record now; 拟办/批办 carry their opinion).  Each receipt step is a row
# of the flow kernel: one statement closes the step done and opens the next
# with its actors; 签收 also proposes the unit's leader in charge as 批办领导
# (his access follows).  A receipt's holders are read from its pending
# step's row (one query); the outgoing steps are rows of the same table, who
# may act on them (the assigned users and their proxies) written in one
# statement.  The actor's to-do is completed in the search that hands the
# next ones out; a new to-do is inserted with its record's name and its
# assignee's time zone (no update after it).
# Measured with oa_document alone (its tests' install): exact then; with
# other addons of the suite installed, SUITE_MARGIN more per step for what
# they add (e.g. the flow block's reasons).
# bench/document_flow.py prints the same per document.
SUITE_MARGIN = 2
OUTGOING = {
    "submit": 22,
    "review": 13,
    "check": 13,
    "sign": 12,
    "number": 15,
    "seal": 14,
    "distribute": 35,
}
INCOMING = {
    "receive": 24,
    "propose": 19,
    "instruct": 17,
    "start": 10,
    "finish": 10,
    "archive_incoming": 11,
}
QUERY_BUDGET = 241  # with the suite: 215 + SUITE_MARGIN per step


@tagged("post_install", "-at_install")
class TestQueryCounts(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # another addon of the suite installed: its queries are allowed for
        others = cls.env["ir.module.module"].search_count(
            [
                ("name", "=like", "oa\\_%"),
                ("name", "not in", ("oa_base", "oa_document")),
                ("state", "=", "installed"),
            ]
        )
        cls.margin = SUITE_MARGIN if others else 0

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
            with self.assertQueryCount(counts[action] + self.margin):
                getattr(record, f"action_{action}")(*opinion)

    def test_budget_per_document(self):
        budgets = [*OUTGOING.values(), *INCOMING.values()]
        total = sum(budgets) + SUITE_MARGIN * len(budgets)
        self.assertLessEqual(total, QUERY_BUDGET)

    def test_queries_per_step(self):
        self._warm()
        doc = self._draft(main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)])
        with self.assertQueryCount(OUTGOING["submit"] + self.margin):
            doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != "distributed":
            state = doc.state
            with self.assertQueryCount(OUTGOING[state] + self.margin):
                doc.with_user(actors[state]).action_approve("同意")
        self._incoming_flow(doc.incoming_ids, INCOMING)
