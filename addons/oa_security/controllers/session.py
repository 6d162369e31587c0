# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.session import Session


class OaSession(Session):
    @http.route()
    def logout(self, redirect="/odoo"):
        uid = request.session.uid
        if uid and request.db:
            # a read-only route: the row is written once its transaction is
            # over, on a cursor of its own (Odoo's test cursors skip that)
            request.env(user=uid)["oa.audit.log"]._oa_log("logout")
        return super().logout(redirect=redirect)
