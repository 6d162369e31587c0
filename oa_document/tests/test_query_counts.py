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
# Measured with oa_document and oa_security installed (the audit trail's
# statements at commit included): exact then; with the other addons of the
# suite installed, SUITE_MARGIN more per step for what they add (e.g. the
# flow block's reasons).  The proxy windows and the role holders are cached
# per process (warm, as in a running server); a step's rows are opened and
# closed in one statement, its to-dos written with their assignees' time
# zones and names read in one query, the to-dos of others deleted in one
# statement; a receipt's opinion goes with its state change (one message).
# bench/document_flow.py prints the same per document.
SUITE_MARGIN = 1
OUTGOING = {
    "submit": 12,
    "review": 8,
    "check": 8,
    "sign": 9,
    "number": 11,
    "seal": 9,
    "distribute": 20,
}
INCOMING = {
    "receive": 13,
    "propose": 8,
    "instruct": 9,
    "start": 8,
    "finish": 8,
    "archive_incoming": 6,
}
QUERY_BUDGET = 150  # a document's whole flow, with the suite


@tagged("post_install", "-at_install")
class TestQueryCounts(OaDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # another addon of the suite installed: its queries are allowed for
        others = cls.env["ir.module.module"].search_count(
            [
                ("name", "=like", "oa\\_%"),
                ("name", "not in", ("oa_base", "oa_document", "oa_security")),
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
        # The bus rows of a transaction are inserted at its commit by the
        # environment of the first step that sent one (one pre-commit hook
        # per transaction): in this test's single transaction, the other
        # actors' field defaults of bus.bus (cached per user) were never
        # looked up, where each one's own request in a running server has.
        for user in self.env["res.users"].union(
            self.staff_a,
            self.clerk_b,
            self.leader_b,
            self.staff_b,
            *self._actors().values(),
        ):
            self.env["ir.default"].with_user(user)._get_model_defaults("bus.bus")

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

    def test_list_access_check_is_one_query(self):
        """A list's records are checked against the rules once more when
        read (``read`` → ``check_access``): the documents' rules (steps'
        actors, receipts' units, the unit tree) in one query, however many
        records, not read leaf by leaf (8 queries with Odoo's check)."""
        for _i in range(3):
            self._run_until(
                self._draft(
                    main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]
                ),
                "distributed",
            )
        fields = ["name", "state", "number"]
        self.env.invalidate_all()
        # as web_search_read: the page's fields come with the search
        docs = self.env["oa.document"].with_user(self.staff_b).search_fetch([], fields)
        self.assertGreaterEqual(len(docs), 3)
        with self.assertQueryCount(1):
            docs.read(fields)
