# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        """The first authenticated request after a pause is a visit (上线):
        the last-seen time lives in the session, refreshed at most once a
        minute; a visit is one INSERT (see ``oa.visit._oa_track``)."""
        super()._authenticate_explicit(auth)
        session = request.session
        if not session.uid or not request.db or request.env.uid != session.uid:
            return
        request.env["oa.visit"]._oa_track(session, request.httprequest.path)
