# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.1 b: an idle web session is logged out (auth_session_timeout),
over HTTP and in a browser."""

import os
import time
from unittest.mock import patch

from odoo import http
from odoo.http import request
from odoo.tests import tagged

from ..controllers.session import OaSession
from .common import PASSWORD, OaSecurityHttpCommon


@tagged("post_install", "-at_install")
class TestSessionTimeout(OaSecurityHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.colleague.lang = "zh_CN"

    def install_idle_hook(self):
        """/oa_security/test/idle: the tour's user was away ``minutes``
        minutes (his session file last touched then, which is what
        auth_session_timeout compares with the delay)."""
        aged = []

        def idle_hook(self, minutes):
            path = http.root.session_store.get_session_filename(request.session.sid)
            then = time.time() - minutes * 60
            os.utime(path, (then, then))
            aged.append(request.session.sid)
            return True

        # not preprocessed by the ControllerType metaclass
        idle_hook.routing_type = "json"
        OaSession.oa_test_idle = http.route(
            "/oa_security/test/idle", type="json", auth="user"
        )(idle_hook)
        self.env.registry.clear_cache("routing")

        @self.addCleanup
        def _cleanup():
            del OaSession.oa_test_idle
            self.env.registry.clear_cache("routing")

        return aged

    def idle_tour(self, tour):
        """Run ``tour`` as the colleague from his proxies; returns the
        session the tour aged, as the server now holds it."""
        aged = self.install_idle_hook()
        self.start_tour("/odoo/oa-proxies", tour, login=self.colleague.login)
        self.assertEqual(len(aged), 1, "the tour went idle once")
        return http.root.session_store.get(aged[0])

    def test_thirty_minutes_by_default(self):
        delay = self.env["ir.config_parameter"].get_param(
            "inactive_session_time_out_delay"
        )
        self.assertEqual(delay, "1800")

    def test_idle_session_ends(self):
        session = self.authenticate("sec_colleague", PASSWORD)
        # 29 minutes idle: still logged in
        path = http.root.session_store.get_session_filename(session.sid)
        idle = time.time() - 29 * 60
        os.utime(path, (idle, idle))
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["uid"], self.colleague.id)
        # 31 minutes idle: logged out
        idle = time.time() - 31 * 60
        os.utime(path, (idle, idle))
        res = self.url_open("/odoo", allow_redirects=False)
        self.assertIn(res.status_code, (302, 303))
        self.assertIn("/web/login", res.headers["Location"])

    def test_request_racing_the_idle_logout_is_refused_quietly(self):
        """The web client sends several requests at once: when one finds
        the session idle and deletes it, another one already under way
        finds no session file; it is refused as well, without the error log
        line auth_session_timeout writes for an unreadable file (make test
        fails on any ERROR line)."""
        session = self.authenticate("sec_colleague", PASSWORD)
        store = http.root.session_store
        real_get = store.get

        def get_then_gone(sid):
            # loaded by this request, then deleted by the other one
            loaded = real_get(sid)
            if sid == session.sid:
                store.delete(loaded)
            return loaded

        with (
            patch.object(store, "get", get_then_gone),
            self.assertNoLogs("odoo.addons.auth_session_timeout", level="ERROR"),
        ):
            reply = self.call_kw(self.colleague)
        self.assertNotIn("result", reply)
        self.assertEqual(reply["error"]["code"], 100)

    def test_first_request_after_the_timeout_is_refused(self):
        """The request that finds the session idle is not served as the
        user (auth_session_timeout alone would answer it), and the logout is
        in the audit trail."""
        session = self.authenticate("sec_colleague", PASSWORD)
        path = http.root.session_store.get_session_filename(session.sid)
        idle = time.time() - 31 * 60
        os.utime(path, (idle, idle))
        reply = self.call_kw(self.colleague)
        self.assertNotIn("result", reply)
        self.assertEqual(reply["error"]["code"], 100)
        rows = (
            self.env["oa.audit.log"]
            .sudo()
            .search([("action", "=", "logout"), ("user_id", "=", self.colleague.id)])
        )
        self.assertTrue(rows)

    def test_idle_web_client_logged_out_at_next_rpc(self):
        """31 minutes away, then a menu: the server refuses the session, the
        web client says so and shows the login form."""
        session = self.idle_tour("oa_security_idle_logout_rpc")
        self.assertFalse(session.get("uid"))

    def test_idle_web_client_logged_out_at_next_page(self):
        """31 minutes away, then a reload: the login form; the password
        brings him back to his page."""
        session = self.idle_tour("oa_security_idle_logout_navigation")
        self.assertFalse(session.get("uid"))

    def test_web_client_kept_under_the_delay(self):
        """29 minutes away: he works on, menus and reloads included."""
        session = self.idle_tour("oa_security_idle_kept")
        self.assertEqual(session.get("uid"), self.colleague.id)
