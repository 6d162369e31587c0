# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _oa_refresh_open_steps(self):
        """A new or changed proxy window updates who may read the receipts and
        supervision items (the steps' own actors: ``oa_base``)."""
        super()._oa_refresh_open_steps()
        incoming = (
            self.env["oa.document.incoming"]
            .sudo()
            .search(
                [
                    ("state", "not in", ("done", "archived")),
                    "|",
                    ("leader_id", "in", self.ids),
                    ("handler_ids", "in", self.ids),
                ]
            )
        )
        incoming._compute_actor_ids()
        items = (
            self.env["oa.supervision"]
            .sudo()
            .search(
                [
                    ("state", "!=", "closed"),
                    "|",
                    "|",
                    ("supervisor_id", "in", self.ids),
                    ("responsible_id", "in", self.ids),
                    ("unit_id.oa_leader_id", "in", self.ids),
                ]
            )
        )
        items._compute_actor_ids()
