# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.query import Query

from .common import STEP_TYPES


class OaDocumentStep(models.Model):
    """One step of one document's outgoing flow, as it really ran: who was
    asked, who acted (and for whom), when it started and ended, how long it
    waited.  Steps with the same sequence are open together (countersigns)."""

    _name = "oa.document.step"
    _inherit = "oa.flow.guard"
    _description = "Document Step"
    _order = "document_id, sequence, id"
    _rec_name = "step_type"
    # a step records what the flow did: every stored field is the flow's
    _oa_flow_fields = "__all__"

    document_id = fields.Many2one(
        "oa.document", required=True, index=True, ondelete="cascade"
    )
    issuing_unit_id = fields.Many2one(
        related="document_id.issuing_unit_id", store=True, string="Issuing Unit"
    )
    sequence = fields.Integer(required=True)
    step_type = fields.Selection(STEP_TYPES, required=True)
    unit_id = fields.Many2one(
        "hr.department", string="Acting Unit", help="The unit acting at this step."
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("pending", "Pending"),
            ("done", "Done"),
            ("returned", "Returned"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="waiting",
        index=True,
    )
    user_ids = fields.Many2many(
        "res.users",
        "oa_document_step_user_rel",
        "step_id",
        "user_id",
        string="Assigned To",
    )
    actor_ids = fields.Many2many(
        "res.users",
        "oa_document_step_actor_rel",
        "step_id",
        "user_id",
        string="May Act",
        help="The assigned users and, while they are away, their proxies.",
    )
    acted_by_id = fields.Many2one("res.users", string="Acted By")
    on_behalf_of_id = fields.Many2one(
        "res.users", string="On Behalf Of", help="Set when a proxy acted."
    )
    actor_display = fields.Char(string="Actor", compute="_compute_actor_display")
    comment = fields.Text(
        string="Opinion",
        help="The opinion the actor wrote when he acted (审核意见、签发意见…), or "
        "the reason when he returned the document.",
    )
    date_start = fields.Datetime(string="Started")
    date_end = fields.Datetime(string="Ended")
    date_deadline = fields.Datetime(string="Deadline", index=True)
    time_limit_hours = fields.Integer(default=24)
    waiting_hours = fields.Float(
        string="Waiting Time (h)",
        compute="_compute_waiting_hours",
        store=True,
        aggregator="avg",
        digits=(16, 2),
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )

    # ---- CRUD: every field of a step is the flow's ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Steps are created by the document flow only."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("The steps of a document are never deleted."))

    # ---- Compute ----

    @api.depends("date_start", "date_end")
    def _compute_waiting_hours(self):
        for step in self:
            if step.date_start and step.date_end:
                delta = step.date_end - step.date_start
                step.waiting_hours = delta.total_seconds() / 3600
            else:
                step.waiting_hours = 0.0

    @api.depends("acted_by_id", "on_behalf_of_id")
    def _compute_actor_display(self):
        for step in self:
            if step.on_behalf_of_id:
                step.actor_display = self.env._(
                    "%(proxy)s on behalf of %(user)s",
                    proxy=step.acted_by_id.name,
                    user=step.on_behalf_of_id.name,
                )
            else:
                step.actor_display = step.acted_by_id.name or False

    @api.depends("state", "date_deadline", "date_end")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for step in self:
            end = step.date_end or now
            step.is_overdue = bool(
                step.date_deadline
                and step.state in ("pending", "done")
                and end > step.date_deadline
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        # open past the deadline, or closed after it: a sub-query, so that
        # no list of ids is fetched however many steps there are
        self.flush_model(["state", "date_deadline", "date_end"])
        query = Query(self.env, self._table, self._table_sql)
        table = SQL.identifier(self._table)
        query.add_where(
            SQL(
                "%(t)s.date_deadline IS NOT NULL AND %(t)s.state IN ('pending', 'done')"
                " AND COALESCE(%(t)s.date_end, %(now)s) > %(t)s.date_deadline",
                t=table,
                now=fields.Datetime.now(),
            )
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query)]

    # ---- Business methods ----

    def _open(self):
        """Make waiting steps pending: timing starts, the assigned users and
        their proxies may act."""
        now = fields.Datetime.now()
        steps = self.sudo()
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        for step in steps:
            actors = step.user_ids
            for user in step.user_ids:
                actors |= proxies[user.id]
            step.write(
                {
                    "state": "pending",
                    "date_start": now,
                    "date_deadline": now + timedelta(hours=step.time_limit_hours or 24),
                    "actor_ids": [fields.Command.set(actors.ids)],
                }
            )
        return proxies

    def _refresh_actors(self):
        """actor_ids (who may read the document) = assigned users + their
        proxies whose window is not over; acting itself is checked against
        the exact window by ``_can_act``."""
        pending = self.filtered(lambda s: s.state == "pending")
        if not pending:
            return
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(pending.user_ids)
        for step in pending.sudo():
            actors = step.user_ids
            for user in step.user_ids:
                actors |= proxies[user.id]
            step.actor_ids = actors

    def _reopen_vals(self):
        """Values of a fresh row doing this step again (document returned)."""
        self.ensure_one()
        return {
            "document_id": self.document_id.id,
            "sequence": self.sequence,
            "step_type": self.step_type,
            "unit_id": self.unit_id.id,
            "time_limit_hours": self.time_limit_hours,
            "user_ids": [fields.Command.set(self.user_ids.ids)],
        }

    def _can_act(self, user):
        """The user is assigned, or acts now for an assigned user.  Returns
        the assigned user he acts as, or an empty recordset."""
        self.ensure_one()
        return self.env["oa.proxy"].sudo()._acting_as(user, self.user_ids)

    def _cancel(self):
        self.sudo().write({"state": "cancel"})

    def _close(self, user, principal, comment=False, state="done"):
        self.sudo().write(
            {
                "state": state,
                "acted_by_id": user.id,
                "on_behalf_of_id": principal.id if principal != user else False,
                "date_end": fields.Datetime.now(),
                "comment": comment,
            }
        )
