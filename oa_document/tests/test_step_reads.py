# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Receipts and supervision items keep only their business fields: who did
a step and when is read from its row (``oa.flow.step``), for all the records
at once, and searched with a sub-query on the rows; each step's message has
its own subtype, which a follower may unsubscribe."""

from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.oa_document.models.oa_document_incoming import STEP_DONE_FIELDS

from .common import OaDocumentCommon

SUPERVISION_STEP_FIELDS = (
    "feedback_by_id",
    "date_feedback",
    "closed_by_id",
    "date_closed",
)


@tagged("post_install", "-at_install")
class TestStepReads(OaDocumentCommon):
    def _receipts(self, count=1):
        receipts = self.env["oa.document.incoming"]
        for index in range(count):
            doc = self._run_until(self._draft(name=f"收文{index}"), "distributed")
            receipts |= doc.incoming_ids
        return receipts

    def _officer(self):
        return new_test_user(
            self.env,
            login="oa_reads_officer",
            groups="oa_document.group_oa_supervisor",
            oa_unit_id=self.unit_a.id,
        )

    def _item(self, officer):
        return (
            self.env["oa.supervision"]
            .with_user(officer)
            .create(
                {
                    "name": "报送试运行情况",
                    "requirement": "按期报送",
                    "unit_id": self.unit_b.id,
                    "date_deadline": fields.Date.today() + timedelta(days=10),
                }
            )
        )

    def _row(self, record, step_type):
        return (
            self.env["oa.flow.step"]
            .sudo()
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("step_type", "=", step_type),
                    ("state", "=", "done"),
                ],
                order="id desc",
                limit=1,
            )
        )

    # ---- who and when, from the rows ----

    def test_no_column_beside_the_rows(self):
        for Model, names in (
            (
                self.env["oa.document.incoming"],
                [name for pair in STEP_DONE_FIELDS.values() for name in pair],
            ),
            (self.env["oa.supervision"], SUPERVISION_STEP_FIELDS),
        ):
            columns = Model.env.execute_query(
                SQL(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_name = %s",
                    Model._table,
                )
            )
            columns = {row[0] for row in columns}
            for name in names:
                with self.subTest(model=Model._name, field=name):
                    self.assertFalse(Model._fields[name].store)
                    self.assertNotIn(name, columns)

    def test_receipt_steps_read_from_their_rows(self):
        inc = self._receipts().filtered(lambda i: i.unit_id == self.unit_b)
        self.assertRecordValues(
            inc, [{"received_by_id": False, "date_received": False}]
        )
        inc.with_user(self.clerk_b).action_receive()
        # read in the same transaction, without invalidating anything
        row = self._row(inc, "receive")
        self.assertRecordValues(
            inc,
            [
                {
                    "received_by_id": self.clerk_b.id,
                    "date_received": row.date_end,
                    "proposed_by_id": False,
                }
            ],
        )
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("请办理")
        inc.with_user(self.staff_b).action_start()
        inc.with_user(self.staff_b).write({"feedback": "已办结"})
        inc.with_user(self.staff_b).action_finish()
        inc.with_user(self.clerk_b).action_archive_incoming()
        expected = {}
        actors = {
            "receive": self.clerk_b,
            "propose": self.clerk_b,
            "instruct": self.leader_b,
            "start": self.staff_b,
            "finish": self.staff_b,
            "archive": self.clerk_b,
        }
        for step_type, (by, when) in STEP_DONE_FIELDS.items():
            expected[by] = actors[step_type].id
            expected[when] = self._row(inc, step_type).date_end
        self.assertRecordValues(inc.with_user(self.clerk_b), [expected])

    def test_supervision_steps_read_from_their_rows(self):
        officer = self._officer()
        item = self._item(officer)
        responsible = item.sudo().responsible_id
        item.with_user(responsible).write({"feedback": "已完成"})
        item.with_user(responsible).action_submit_feedback()
        first = self._row(item, "feedback")
        self.assertRecordValues(
            item,
            [
                {
                    "feedback_by_id": responsible.id,
                    "date_feedback": first.date_end,
                    "closed_by_id": False,
                    "date_closed": False,
                }
            ],
        )
        # a return closes the review too: the item is not accepted
        item.with_user(officer)._action_return_feedback("请补充")
        self.assertRecordValues(item, [{"closed_by_id": False, "date_closed": False}])
        item.with_user(responsible).action_submit_feedback()
        item.with_user(officer).action_accept_feedback()
        second = self._row(item, "feedback")
        self.assertNotEqual(first, second)
        self.assertRecordValues(
            item,
            [
                {
                    "state": "closed",
                    "feedback_by_id": responsible.id,
                    "date_feedback": second.date_end,
                    "closed_by_id": officer.id,
                    "date_closed": self._row(item, "accept").date_end,
                }
            ],
        )

    def test_read_in_one_batch(self):
        """Reading who did the steps of many receipts costs what it costs
        for one: one query on the rows for all of them."""
        receipts = self._receipts(3).filtered(lambda i: i.unit_id == self.unit_b)
        for inc in receipts:
            inc.with_user(self.clerk_b).action_receive()

        def queries(records):
            self.env.flush_all()
            self.env.invalidate_all()
            # a recordset of its own: nothing prefetched for the others
            records = records.browse(records.ids)
            before = self.env.cr.sql_log_count
            records.mapped("date_received")
            records.mapped("received_by_id.name")
            records.mapped("holder_display")
            return self.env.cr.sql_log_count - before

        self.assertEqual(len(receipts), 3)
        self.assertEqual(queries(receipts[:1]), queries(receipts))

    # ---- searched with a sub-query on the rows ----

    def test_search_on_the_date_received(self):
        receipts = self._receipts()
        received = receipts.filtered(lambda i: i.unit_id == self.unit_b)
        waiting = receipts - received
        received.with_user(self.clerk_b).action_receive()
        Receipts = self.env["oa.document.incoming"].with_user(self.staff_a)
        today = datetime.combine(fields.Date.today(), time.min)
        cases = [
            ([("date_received", "!=", False)], received),
            ([("date_received", "=", False)], waiting),
            ([("date_received", ">=", today - timedelta(days=1))], received),
            ([("date_received", "<", today - timedelta(days=1))], Receipts),
            # not received on that day includes not received at all
            ([("date_received", "!=", received.date_received)], waiting),
            (
                [
                    "|",
                    ("date_received", "<", today - timedelta(days=1)),
                    ("date_received", "=", False),
                ],
                waiting,
            ),
        ]
        for domain, expected in cases:
            with self.subTest(domain=domain):
                found = Receipts.search([("id", "in", receipts.ids), *domain])
                self.assertEqual(found, expected)
        # the list's "Received On" filter: its domain on the date
        view = Receipts.get_view(view_type="search")["arch"]
        self.assertIn('date="date_received"', view)
        result = Receipts.web_search_read(
            [("id", "in", receipts.ids), ("date_received", ">=", today)],
            {"date_received": {}, "received_by_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual([r["id"] for r in result["records"]], received.ids)
        self.assertEqual(result["records"][0]["received_by_id"]["id"], self.clerk_b.id)

    # ---- subtypes a follower chooses ----

    def _watcher(self, record, unsubscribed):
        """A follower of ``record`` with its default subtypes, who then
        unsubscribes ``unsubscribed``."""
        watcher = new_test_user(
            self.env,
            login=f"oa_watcher_{record._table}",
            groups="oa_base.group_oa_user",
            oa_unit_id=self.unit_a.id,
        )
        record.sudo().message_subscribe(partner_ids=watcher.partner_id.ids)
        follower = record.sudo().message_follower_ids.filtered(
            lambda f: f.partner_id == watcher.partner_id
        )
        self.assertIn(unsubscribed, follower.subtype_ids)
        follower.subtype_ids -= unsubscribed
        return watcher.partner_id

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _notified(self, record, subtype, partner):
        self._flush_tracking()
        messages = record.sudo().message_ids.filtered(lambda m: m.subtype_id == subtype)
        self.assertTrue(messages, subtype.name)
        return bool(
            self.env["mail.notification"]
            .sudo()
            .search_count(
                [
                    ("mail_message_id", "in", messages.ids),
                    ("res_partner_id", "=", partner.id),
                ]
            )
        )

    def test_supervision_follower_chooses_subtypes(self):
        ref = self.env.ref
        officer = self._officer()
        item = self._item(officer)
        watcher = self._watcher(item, ref("oa_document.mt_supervision_returned"))
        responsible = item.sudo().responsible_id
        item.with_user(responsible).write({"feedback": "已完成"})
        item.with_user(responsible).action_submit_feedback()
        item.with_user(officer)._action_return_feedback("请补充")
        item.with_user(responsible).action_submit_feedback()
        item.with_user(officer).action_accept_feedback()
        item.sudo()._remind(responsible, "催办：请按期反馈")
        self.assertFalse(
            self._notified(item, ref("oa_document.mt_supervision_returned"), watcher)
        )
        for xmlid in ("feedback", "accepted", "reminder"):
            with self.subTest(subtype=xmlid):
                subtype = ref(f"oa_document.mt_supervision_{xmlid}")
                self.assertTrue(self._notified(item, subtype, watcher))

    def test_receipt_follower_chooses_subtypes(self):
        ref = self.env.ref
        inc = (
            self._receipts()
            .filtered(lambda i: i.unit_id == self.unit_b)
            .with_context(tracking_disable=False)
        )
        watcher = self._watcher(inc, ref("oa_document.mt_incoming_received"))
        inc.with_user(self.clerk_b).action_receive()
        # each step is a transaction of its own: its state change is tracked
        self._flush_tracking()
        inc.with_user(self.clerk_b).write({"leader_id": self.leader_b.id})
        inc.with_user(self.clerk_b).action_propose("拟办")
        inc.with_user(self.leader_b).write({"handler_ids": [(6, 0, self.staff_b.ids)]})
        inc.with_user(self.leader_b).action_instruct("请办理")
        inc.with_user(self.staff_b).action_start()
        self._flush_tracking()
        inc.with_user(self.staff_b).write({"feedback": "已办结"})
        inc.with_user(self.staff_b).action_finish()
        self.assertFalse(
            self._notified(inc, ref("oa_document.mt_incoming_received"), watcher)
        )
        for xmlid in ("instructed", "done"):
            with self.subTest(subtype=xmlid):
                subtype = ref(f"oa_document.mt_incoming_{xmlid}")
                self.assertTrue(self._notified(inc, subtype, watcher))

    def test_outgoing_document_subtypes(self):
        """The outgoing document's steps have their subtypes, which a new
        follower gets by default."""
        names = ("submitted", "approved", "returned", "signed", "distributed")
        for name in (*names, "archived"):
            with self.subTest(subtype=name):
                subtype = self.env.ref(f"oa_document.mt_document_{name}")
                self.assertRecordValues(
                    subtype, [{"res_model": "oa.document", "default": True}]
                )

    def test_document_follower_chooses_subtypes(self):
        """A follower who left 审核通过 is not told of approvals, but still of
        the return, the signature and the distribution."""
        ref = self.env.ref
        doc = self._draft().with_context(tracking_disable=False)
        doc.with_user(self.staff_a).action_submit()
        self._flush_tracking()
        watcher = self._watcher(doc, ref("oa_document.mt_document_approved"))
        doc.with_user(self.leader_a).action_approve("同意")
        self._flush_tracking()
        clerk = doc.sudo().current_step_ids.user_ids[:1]
        doc.with_user(clerk).action_return(0, "请修改标题")
        self._flush_tracking()
        doc.with_user(self.staff_a).action_submit()
        self._flush_tracking()
        actors = self._actors()
        while doc.state != "distributed":
            # each step is a transaction of its own: its move is tracked
            doc.with_user(actors[doc.state]).action_approve("同意")
            self._flush_tracking()
        self.assertFalse(
            self._notified(doc, ref("oa_document.mt_document_approved"), watcher)
        )
        for name in ("returned", "signed", "distributed"):
            with self.subTest(subtype=name):
                subtype = ref(f"oa_document.mt_document_{name}")
                self.assertTrue(self._notified(doc, subtype, watcher))
