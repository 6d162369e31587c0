# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OaDocumentCommon

# Queries of each step of one document through the whole outgoing and
# incoming flow, as its actor, with what its commit writes (as in a running
# server: tracking on): the step's rows closed and opened in one statement,
# the to-dos (the actor's completed in the search handing out the next ones,
# new ones inserted with their assignees' time zones and names read in one
# query), the record's update, the step's message with the state change's
# tracking (mail's own queries: the subtype checked, the reply-to and alias
# domain looked up, the message and its tracking value inserted, the
# followers to notify read), the bus notices and the audit trail's rows.
# Exact, with oa_document and oa_security alone as with the whole suite
# installed.  The proxy windows and the role holders are cached per process
# (warm, as in a running server).  Whole document: 183; the target of 150
# is met by bench/document_flow.py's default figure only, which leaves out
# the work done at commit, the messages among it (see bench/README.md).
OUTGOING = {
    "submit": 17,
    "review": 13,
    "check": 13,
    "sign": 14,
    "number": 16,
    "seal": 14,
    "distribute": 20,
}
INCOMING = {
    "receive": 19,
    "propose": 10,
    "instruct": 15,
    "start": 10,
    "finish": 14,
    "archive_incoming": 8,
}


@tagged("post_install", "-at_install")
class TestQueryCounts(OaDocumentCommon):
    def _warm(self):
        """One document through the flow first: caches and prepared
        lookups are warm, as in a running server."""
        doc = self._draft(
            main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]
        ).with_context(tracking_disable=False)
        # each step commits, as each request does: its bus rows and tracking
        # message are written by its own actor (his field defaults, cached
        # per user, looked up), not by whoever queued the first of them
        self.env.cr.flush()
        doc.with_user(self.staff_a).action_submit()
        self.env.cr.flush()
        actors = self._actors()
        while doc.state != "distributed":
            doc.with_user(actors[doc.state]).action_approve("同意")
            self.env.cr.flush()
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
            record = inc.with_user(user).with_context(tracking_disable=False)
            if values:
                record.write(values)
            if counts is None:
                getattr(record, f"action_{action}")(*opinion)
                self.env.cr.flush()
                continue
            with self.assertQueryCount(counts[action]):
                getattr(record, f"action_{action}")(*opinion)

    def test_queries_per_step(self):
        self._warm()
        doc = self._draft(
            main_unit_ids=[(6, 0, self.unit_b.ids)], copy_unit_ids=[(5,)]
        ).with_context(tracking_disable=False)
        with self.assertQueryCount(OUTGOING["submit"]):
            doc.with_user(self.staff_a).action_submit()
        actors = self._actors()
        while doc.state != "distributed":
            state = doc.state
            with self.assertQueryCount(OUTGOING[state]):
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
