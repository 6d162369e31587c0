# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""等保 8.1.4.1 b: an idle web session is logged out (auth_session_timeout)."""

import os
import time

from odoo import http
from odoo.tests import tagged

from .common import PASSWORD, OaSecurityHttpCommon


@tagged("post_install", "-at_install")
class TestSessionTimeout(OaSecurityHttpCommon):
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
