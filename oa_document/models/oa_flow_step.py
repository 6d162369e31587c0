# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.oa_base.models.oa_flow_step import CLOSE_FIELDS


class OaFlowStep(models.Model):
    """The outgoing document's steps are rows of the kernel's step table
    (``res_model`` ``oa.document``): its flow designer gives each step a time
    limit in hours, and instantiates all the steps at submission (waiting
    rows, opened sequence after sequence)."""

    _inherit = "oa.flow.step"

    document_id = fields.Many2one(
        "oa.document",
        string="Document",
        compute="_compute_document_id",
        search="_search_document_id",
        help="The outgoing document of this step, or of the receipt.",
    )
    time_limit_hours = fields.Integer(
        string="Time Limit (h)",
        help="The time limit of an outgoing document's step, in hours (its "
        "unit's flow).",
    )

    @api.depends("res_model", "res_id")
    def _compute_document_id(self):
        receipts = self.filtered(lambda s: s.res_model == "oa.document.incoming")
        documents = dict(
            self.env["oa.document.incoming"]
            .sudo()
            .browse(receipts.mapped("res_id"))
            .exists()
            .mapped(lambda r: (r.id, r.document_id.id))
        )
        for step in self:
            if step.res_model == "oa.document":
                step.document_id = step.res_id
            elif step.res_model == "oa.document.incoming":
                step.document_id = documents.get(step.res_id, False)
            else:
                step.document_id = False

    def _search_document_id(self, operator, value):
        if operator not in ("=", "in", "ilike", "child_of") or not value:
            raise NotImplementedError(operator)
        if isinstance(value, str):
            documents = self.env["oa.document"]._search(
                [("display_name", operator, value)]
            )
        else:
            documents = self.env["oa.document"]._search([("id", operator, value)])
        receipts = self.env["oa.document.incoming"]._search(
            [("document_id", "in", documents)]
        )
        return [
            "|",
            "&",
            ("res_model", "=", "oa.document"),
            ("res_id", "in", documents),
            "&",
            ("res_model", "=", "oa.document.incoming"),
            ("res_id", "in", receipts),
        ]

    def _oa_document_open(self, close=None):
        """Make these waiting steps pending: timing starts (the deadline is
        the step's time limit in hours from now), the assigned users and
        their proxies may act; ``close``: the step done and how
        (``(step, user, principal, comment)``), closed in the same
        statement.  Returns the proxies (``{user_id: users}``)."""
        now = fields.Datetime.now()
        steps = self.sudo()
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        actors = {step.id: step._with_proxies(proxies) for step in steps}
        pairs = sorted(
            (step_id, user.id) for step_id, users in actors.items() for user in users
        )
        closing = close[0]._close_sql(*close[1:]) if close else None
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH closed AS (%(closing)s), opened AS (
                    UPDATE oa_flow_step
                       SET state = 'pending', date_start = %(now)s,
                           date_deadline = %(now)s + make_interval(
                               hours => COALESCE(NULLIF(time_limit_hours, 0), 24)),
                           waiting_hours = 0, write_uid = %(uid)s,
                           write_date = %(written)s
                     WHERE id = ANY(%(ids)s)
                 RETURNING id
                ), actors AS (
                    INSERT INTO oa_flow_step_actor_rel (step_id, user_id)
                    SELECT * FROM unnest(%(steps)s::int[], %(users)s::int[])
                    ON CONFLICT DO NOTHING
                )
                SELECT count(*) FROM opened
                """,
                closing=closing or SQL("SELECT NULL::int AS id WHERE FALSE"),
                now=now,
                written=self.env.cr.now(),
                uid=self.env.uid,
                ids=steps.ids,
                steps=[step_id for step_id, _user in pairs],
                users=[user_id for _step, user_id in pairs],
            )
        )
        # the cache holds what was written (the holders and the to-dos read
        # it next): the same values as the statement's
        steps._oa_cache_state("pending", [])
        cache = self.env.cache
        cache.update(steps, self._fields["write_uid"], [self.env.uid] * len(steps))
        cache.update(
            steps, self._fields["write_date"], [self.env.cr.now()] * len(steps)
        )
        cache.update(steps, self._fields["date_start"], [now] * len(steps))
        cache.update(
            steps,
            self._fields["date_deadline"],
            [now + timedelta(hours=step.time_limit_hours or 24) for step in steps],
        )
        cache.update(steps, self._fields["waiting_hours"], [0.0] * len(steps))
        cache.update(
            steps,
            self._fields["actor_ids"],
            [tuple(actors[step.id].ids) for step in steps],
        )
        if close:
            close[0]._oa_cache_state("done", CLOSE_FIELDS)
        return proxies

    def _oa_document_reopen_vals(self):
        """Values of a fresh row doing this step again (document returned)."""
        self.ensure_one()
        return {
            "res_model": self.res_model,
            "res_id": self.res_id,
            "name": self.name,
            "sequence": self.sequence,
            "step_type": self.step_type,
            "unit_id": self.unit_id.id,
            "time_limit_hours": self.time_limit_hours,
            "waiting_hours": 0.0,
            "user_ids": [fields.Command.set(self.user_ids.ids)],
        }
