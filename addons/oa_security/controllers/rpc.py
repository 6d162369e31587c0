# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""XML-RPC and JSON-RPC hide the request from the services they dispatch to
(``borrow_request``): the caller's address is kept on the thread for the
audit trail while the call runs, and that an RPC call is running (passwords
of users who must enrol two factors are refused there)."""

import threading
from contextlib import contextmanager

from odoo import http
from odoo.http import request

from odoo.addons.base.controllers.rpc import RPC


@contextmanager
def remote_addr_on_thread():
    thread = threading.current_thread()
    thread.oa_remote_addr = request.httprequest.remote_addr
    # a password refused to who must still enrol two factors (res_users.py)
    thread.oa_rpc = True
    try:
        yield
    finally:
        thread.oa_remote_addr = None
        thread.oa_rpc = False


class OaRPC(RPC):
    @http.route()
    def xmlrpc_1(self, service):
        with remote_addr_on_thread():
            return super().xmlrpc_1(service)

    @http.route()
    def xmlrpc_2(self, service):
        with remote_addr_on_thread():
            return super().xmlrpc_2(service)

    @http.route()
    def jsonrpc(self, service, method, args):
        with remote_addr_on_thread():
            return super().jsonrpc(service, method, args)
