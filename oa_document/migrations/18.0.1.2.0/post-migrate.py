# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The outgoing documents' steps move to the kernel's step table: every row
of ``oa_document_step`` (with its assigned users and actors) becomes a row of
``oa_flow_step`` for ``oa.document``; the old table goes with its model.
The open steps of every flow get their actors (assigned users and their
proxies).  Followers get the named subtypes of the flows' moves."""

import json

from odoo import SUPERUSER_ID, api

from odoo.addons.oa_document.models.common import STEP_TYPES, step_label


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT to_regclass('oa_document_step') IS NOT NULL")
    if not cr.fetchone()[0]:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the rows' step names in the company's language (stored text)
    env = env(context={"lang": env.company.partner_id.lang or "zh_CN"})
    labels = {key: step_label(env, key) for key, _label in STEP_TYPES}
    cr.execute(
        """
        CREATE TEMPORARY TABLE oa_step_move ON COMMIT DROP AS
        SELECT s.id AS old_id, nextval('oa_flow_step_id_seq') AS new_id
          FROM oa_document_step s
         ORDER BY s.id
        """
    )
    cr.execute(
        """
        INSERT INTO oa_flow_step
               (id, res_model, res_id, step_type, name, sequence, unit_id, state,
                acted_by_id, on_behalf_of_id, comment, date_start, date_end,
                date_deadline, waiting_hours, working_days, time_limit_hours,
                create_uid, create_date, write_uid, write_date)
        SELECT m.new_id, 'oa.document', s.document_id, s.step_type,
               (%s::jsonb) ->> s.step_type, s.sequence,
               COALESCE(s.unit_id, d.issuing_unit_id), s.state, s.acted_by_id,
               s.on_behalf_of_id, s.comment, s.date_start, s.date_end,
               s.date_deadline, s.waiting_hours, 0, s.time_limit_hours,
               s.create_uid, s.create_date, s.write_uid, s.write_date
          FROM oa_document_step s
          JOIN oa_step_move m ON m.old_id = s.id
          JOIN oa_document d ON d.id = s.document_id
        """,
        [json.dumps(labels)],
    )
    for rel in ("user", "actor"):
        cr.execute(
            f"""
            INSERT INTO oa_flow_step_{rel}_rel (step_id, user_id)
            SELECT m.new_id, r.user_id
              FROM oa_document_step_{rel}_rel r
              JOIN oa_step_move m ON m.old_id = r.step_id
            ON CONFLICT DO NOTHING
            """
        )
    # Odoo drops a model's table on uninstall only: the old ones go here
    cr.execute(
        "DROP TABLE oa_document_step_user_rel, oa_document_step_actor_rel,"
        " oa_document_step"
    )
    # who may act on every open step (receipts' and supervision items' rows
    # too, which had no actors): the assigned users and their proxies
    env["oa.flow.step"].invalidate_model()
    env["oa.flow.step"].search([("state", "=", "pending")])._refresh_actors()
    # the followers of documents, receipts and supervision items keep being
    # told of every move, now under the named subtypes
    cr.execute(
        """
        INSERT INTO mail_followers_mail_message_subtype_rel
               (mail_followers_id, mail_message_subtype_id)
        SELECT f.id, t.id
          FROM mail_followers f
          JOIN mail_message_subtype t ON t.res_model = f.res_model
          JOIN ir_model_data d ON d.model = 'mail.message.subtype'
                              AND d.res_id = t.id AND d.module = 'oa_document'
         WHERE f.res_model IN ('oa.document', 'oa.document.incoming',
                               'oa.supervision')
           AND t.default
        ON CONFLICT DO NOTHING
        """
    )
    old = env["ir.model.data"].search(
        [("module", "=", "oa_document"), ("name", "=", "mt_document_state")]
    )
    env["mail.message.subtype"].browse(old.res_id).unlink()
    old.unlink()
