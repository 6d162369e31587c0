# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OaDocumentIncoming(models.Model):
    """Who receives for a unit, and the creation of the receipts when an
    outgoing document is distributed (the only way a receipt is created)."""

    _inherit = "oa.document.incoming"

    @api.model
    def _receipt_clerks_by_unit(self, units):
        """``{unit_id: users}``: who receives, registers, proposes and
        archives for each of ``units`` — its document clerks and its system
        administrators or, for a unit that has none, those of the nearest
        unit above it that has some (oa_base's one policy for parent units,
        as for the outgoing actors)."""
        return {
            unit_id: users.with_env(self.env)
            for unit_id, users in units._oa_nearest_role_users(
                ("clerk", "admin")
            ).items()
        }

    @api.model
    def _create_for_distribution(self, document, recipients):
        """Create the receipts of ``document`` for ``recipients`` (a list of
        (unit, recipient_type)) with a fixed number of queries whatever
        their number: who may act on a new receipt (``_compute_actor_ids``:
        the receiving unit's clerks and administrators) is looked up first,
        then one statement inserts the receipts and their actors."""
        if not recipients:
            return self.browse()
        self.env.flush_all()
        units = self.env["hr.department"].browse({unit.id for unit, _t in recipients})
        actors = self._receipt_clerks_by_unit(units)
        pairs = [
            (unit_id, user.id) for unit_id, users in actors.items() for user in users
        ]
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            WITH inc AS (
                INSERT INTO oa_document_incoming
                       (document_id, unit_id, recipient_type, state, name,
                        document_number, issuing_unit_id, kind, urgency,
                        create_uid, write_uid, create_date, write_date)
                SELECT d.id, r.unit_id, r.recipient_type, 'to_receive', d.name,
                       d.number, d.issuing_unit_id, d.kind, d.urgency,
                       %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM oa_document d,
                       unnest(%(units)s::int[], %(types)s::varchar[])
                           AS r(unit_id, recipient_type)
                 WHERE d.id = %(doc)s
                RETURNING id, unit_id
            ), actor AS (
                INSERT INTO oa_document_incoming_actor_rel (incoming_id, user_id)
                SELECT inc.id, a.user_id
                  FROM inc
                  JOIN unnest(%(actor_units)s::int[], %(actor_users)s::int[])
                       AS a(unit_id, user_id) ON a.unit_id = inc.unit_id
            )
            SELECT id FROM inc
            """,
            {
                "doc": document.id,
                "units": [unit.id for unit, _type in recipients],
                "types": [rtype for _unit, rtype in recipients],
                "actor_units": [unit_id for unit_id, _user in pairs],
                "actor_users": [user_id for _unit, user_id in pairs],
                "uid": self.env.uid,
                "now": now,
            },
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model()
        document.invalidate_recordset(["incoming_ids"])
        receipts = self.browse(ids)
        # the first step: the receiving clerks sign for the receipt
        receipts._oa_step_open(
            "receive",
            {
                rec.id: actors.get(rec.unit_id.id, self.env["res.users"])
                for rec in receipts
            },
        )
        return receipts
