# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OaPeriodicalLine(models.Model):
    """A manuscript in an issue, at its place (the editors drag them).

    The manuscript's unit, author and acceptance date it shows are the
    manuscript's flow fields: never set through the line
    (``oa.flow.guard``)."""

    _name = "oa.periodical.line"
    _description = "Periodical Issue Content"
    _inherit = ["oa.flow.guard"]
    _oa_flow_fields = ("unit_id", "author_id", "accept_date")
    _order = "periodical_id, sequence, id"

    periodical_id = fields.Many2one(
        "oa.periodical", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    manuscript_id = fields.Many2one(
        "oa.manuscript",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "accepted"), ("periodical_id", "=", False)],
    )
    unit_id = fields.Many2one(related="manuscript_id.unit_id")
    author_id = fields.Many2one(related="manuscript_id.author_id")
    accept_date = fields.Datetime(related="manuscript_id.accept_date")

    _sql_constraints = [
        (
            "manuscript_uniq",
            "UNIQUE (manuscript_id)",
            "A manuscript appears in one issue only.",
        ),
    ]

    def _oa_check_manuscripts(self):
        """Only accepted manuscripts, in no other issue, are compiled."""
        for line in self.sudo():
            self._oa_check_manuscript(line.manuscript_id, line)

    @api.model
    def _oa_check_manuscript(self, manuscript, line=None):
        manuscript = manuscript.sudo()
        others = manuscript.periodical_line_ids - (line or self.browse())
        if others:
            raise ValidationError(
                self.env._(
                    "“%(title)s” is already in %(issue)s.",
                    title=manuscript.name,
                    issue=others[0].periodical_id.display_name,
                )
            )
        if manuscript.state != "accepted":
            raise ValidationError(
                self.env._(
                    "“%(title)s” is %(state)s: only accepted manuscripts are "
                    "compiled into an issue.",
                    title=manuscript.name,
                    state=manuscript._oa_state_label(),
                )
            )

    @api.model
    def _oa_check_new_manuscripts(self, vals_list):
        """Checked before the rows are written (the unique index is only the
        last guard: its violation would abort the transaction)."""
        Manuscript = self.env["oa.manuscript"].sudo()
        seen = set()
        for vals in vals_list:
            manuscript_id = vals.get("manuscript_id")
            if not manuscript_id:
                continue
            manuscript = Manuscript.browse(manuscript_id).exists()
            if not manuscript:
                raise ValidationError(self.env._("The manuscript no longer exists."))
            if manuscript_id in seen:
                raise ValidationError(
                    self.env._("“%(title)s” is chosen twice.", title=manuscript.name)
                )
            seen.add(manuscript_id)
            self._oa_check_manuscript(manuscript, self)

    def _oa_check_can_edit(self):
        self.env["oa.periodical"]._oa_check_editor()
        self.periodical_id._oa_check_draft()

    @api.model_create_multi
    def create(self, vals_list):
        self.env["oa.periodical"]._oa_check_editor()
        self._oa_check_new_manuscripts(vals_list)
        lines = super().create(vals_list)
        lines._oa_check_can_edit()
        lines._oa_check_manuscripts()
        return lines

    def write(self, vals):
        self._oa_check_can_edit()
        if "manuscript_id" in vals:
            self.browse()._oa_check_new_manuscripts([vals] * min(len(self), 2))
        res = super().write(vals)
        if {"periodical_id", "manuscript_id"} & set(vals):
            self._oa_check_can_edit()
            self._oa_check_manuscripts()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        self._oa_check_can_edit()
