# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models

from .common import STEP_TYPES


class OaDocumentStep(models.Model):
    """One step of one document's outgoing flow, as it really ran (see
    ``oa.flow.step.base``).  Steps with the same sequence are open together
    (countersigns); a returned document does its steps again in new rows."""

    _name = "oa.document.step"
    _inherit = "oa.flow.step.base"
    _description = "Document Step"
    _order = "document_id, sequence, id"
    _rec_name = "step_type"

    document_id = fields.Many2one(
        "oa.document", required=True, index=True, ondelete="cascade"
    )
    issuing_unit_id = fields.Many2one(
        related="document_id.issuing_unit_id", store=True, string="Issuing Unit"
    )
    step_type = fields.Selection(STEP_TYPES, required=True)
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
    time_limit_hours = fields.Integer(default=24)

    # ---- Business methods ----

    def _open(self):
        """Make waiting steps pending: timing starts, the assigned users and
        their proxies may act."""
        now = fields.Datetime.now()
        steps = self.sudo()
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        for step in steps:
            step.write(
                {
                    "state": "pending",
                    "date_start": now,
                    "date_deadline": now + timedelta(hours=step.time_limit_hours or 24),
                    "actor_ids": [fields.Command.set(step._with_proxies(proxies).ids)],
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
            step.actor_ids = step._with_proxies(proxies)

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
