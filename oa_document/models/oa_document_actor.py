# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OaDocumentActorMixin(models.AbstractModel):
    """THE check that the current user may act in the document flows at all
    (``res.users._oa_flow_block_reason``, extended by other addons, e.g.
    oa_training's "not passed the exam yet").  Every guard of a flow action
    that a user performs calls ``_check_flow_actor`` once, after it found
    that the user is the one to act: outgoing documents (submit, every step,
    return, archive, paper copy), receipts (every step through
    ``_check_actor``) and supervision items (open, assign, feedback, accept,
    return, deadline).  Reading is never blocked, nor the superuser (server
    code, scheduled actions).  Drafting is not a flow action: a draft moves
    nothing and nobody else sees it; submitting it is refused."""

    _name = "oa.document.actor.mixin"
    _description = "Document Flow Actor Check"

    oa_flow_block_message = fields.Char(
        string="Why You Cannot Act",
        compute="_compute_oa_flow_block_message",
        help="Why the current user may not act in the document flows now.",
    )

    @api.depends_context("uid")
    def _compute_oa_flow_block_message(self):
        self.oa_flow_block_message = self._oa_flow_block_message()

    def _oa_flow_block_message(self):
        if self.env.su:
            return False
        reason = self.env.user._oa_flow_block_reason()
        if not reason:
            return False
        return self.env._(
            "You may not act in the document flows for now. %(reason)s",
            reason=reason,
        )

    def _check_flow_actor(self):
        message = self._oa_flow_block_message()
        if message:
            raise UserError(message)
