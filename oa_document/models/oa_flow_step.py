# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models


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

    def _oa_document_open(self):
        """Make waiting steps pending: timing starts, the assigned users and
        their proxies may act.  Returns the proxies (``{user_id: users}``)."""
        now = fields.Datetime.now()
        steps = self.sudo()
        proxies = self.env["oa.proxy"].sudo()._get_upcoming_proxies(steps.user_ids)
        by_limit = defaultdict(lambda: steps.browse())
        for step in steps:
            by_limit[step.time_limit_hours or 24] |= step
        for hours, group in by_limit.items():
            group.write(
                {
                    "state": "pending",
                    "date_start": now,
                    "date_deadline": now + timedelta(hours=hours),
                }
            )
        steps._refresh_actors(proxies)
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
