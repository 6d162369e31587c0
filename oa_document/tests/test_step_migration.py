# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from ..models.common import step_label
from .common import OaDocumentCommon, run_migration


@tagged("post_install", "-at_install")
class TestStepMigration(OaDocumentCommon):
    """18.0.1.2.0: the rows of the old ``oa_document_step`` table become rows
    of the kernel's step table, with their users, actors and opinions."""

    def _migrate(self):
        run_migration(self.env.cr, "18.0.1.2.0", "18.0.1.1.0")

    def test_old_rows_become_kernel_rows(self):
        doc = self._draft()
        cr = self.env.cr
        cr.execute(
            """
            CREATE TABLE oa_document_step (
                id serial PRIMARY KEY, document_id int, step_type varchar,
                sequence int, unit_id int, state varchar, acted_by_id int,
                on_behalf_of_id int, comment text, date_start timestamp,
                date_end timestamp, date_deadline timestamp, waiting_hours float8,
                time_limit_hours int, create_uid int, create_date timestamp,
                write_uid int, write_date timestamp);
            CREATE TABLE oa_document_step_user_rel (step_id int, user_id int);
            CREATE TABLE oa_document_step_actor_rel (step_id int, user_id int);
            INSERT INTO oa_document_step
                   (document_id, step_type, sequence, unit_id, state, acted_by_id,
                    on_behalf_of_id, comment, date_start, date_end, date_deadline,
                    waiting_hours, time_limit_hours)
            VALUES (%(doc)s, 'review', 10, NULL, 'done', %(proxy)s, %(leader)s,
                    '同意', '2026-03-02 01:00', '2026-03-02 05:00',
                    '2026-03-03 01:00', 4, 24),
                   (%(doc)s, 'sign', 20, %(unit)s, 'pending', NULL, NULL, NULL,
                    '2026-03-02 05:00', NULL, '2026-03-04 05:00', 0, 48);
            INSERT INTO oa_document_step_user_rel
                 SELECT id, %(leader)s FROM oa_document_step;
            INSERT INTO oa_document_step_actor_rel
                 SELECT id, %(leader)s FROM oa_document_step;
            """,
            {
                "doc": doc.id,
                "leader": self.leader_a.id,
                "proxy": self.staff_b.id,
                "unit": self.unit_a.id,
            },
        )
        self._migrate()
        self.env.invalidate_all()
        # the names in the company's language (stored text)
        lang_env = self.env(
            context={"lang": self.env.company.partner_id.lang or "zh_CN"}
        )
        review, sign = doc.step_ids
        self.assertRecordValues(
            review | sign,
            [
                {
                    "step_type": "review",
                    "name": step_label(lang_env, "review"),
                    "state": "done",
                    "unit_id": self.unit_a.id,
                    "acted_by_id": self.staff_b.id,
                    "on_behalf_of_id": self.leader_a.id,
                    "comment": "同意",
                    "waiting_hours": 4,
                    "time_limit_hours": 24,
                    "user_ids": self.leader_a.ids,
                },
                {
                    "step_type": "sign",
                    "name": step_label(lang_env, "sign"),
                    "state": "pending",
                    "unit_id": self.unit_a.id,
                    "acted_by_id": False,
                    "on_behalf_of_id": False,
                    "comment": False,
                    "waiting_hours": 0,
                    "time_limit_hours": 48,
                    "user_ids": self.leader_a.ids,
                },
            ],
        )
        # who may act on the open step: the assigned leader (no proxy)
        self.assertEqual(sign.actor_ids, self.leader_a)
        self.assertEqual(doc.current_step_ids, sign)
        cr.execute("SELECT to_regclass('oa_document_step')")
        self.assertIsNone(cr.fetchone()[0])
