# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 18, "correct at any hour": one sign-in is one visit, one return
after a pause is one visit whatever the concurrency, A is stored exactly,
and "this month" is Beijing's, today included."""

import re
import threading
import time
from datetime import date
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import requests
from freezegun import freeze_time

import odoo
from odoo.tests import HttpCase, new_test_user, tagged

from .test_usage_common import OaUsageCommon

PARALLEL = 6


@tagged("post_install", "-at_install")
class TestVisitOnceHttp(HttpCase):
    def visits(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["oa.visit"].search([("user_id", "=", user.id)])

    def test_first_login_with_password_change_is_one_visit(self):
        """The login form, then the forced password change (which signs in
        twice in its request): one sign-in, one visit."""
        user = new_test_user(
            self.env,
            login="oa_visit_first",
            password="First#Login2026",
            groups="oa_base.group_oa_user",
        )
        user.sudo().oa_password_change_required = True
        page = self.url_open("/web/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/login",
            data={
                "login": "oa_visit_first",
                "password": "First#Login2026",
                "csrf_token": csrf,
            },
            allow_redirects=False,
        )
        self.assertIn("/web/reset_password", response.headers["Location"])
        # kicked out to the change form: no sign-in yet
        self.assertFalse(self.visits(user))
        form = self.url_open(response.headers["Location"])
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        query = parse_qs(urlparse(response.headers["Location"]).query)
        token = query["token"][0]
        done = self.url_open(
            "/web/reset_password",
            data={
                "token": token,
                "login": "oa_visit_first",
                "password": "Chosen#Pass2026x",
                "confirm_password": "Chosen#Pass2026x",
                "csrf_token": csrf,
            },
            allow_redirects=False,
        )
        self.assertLess(done.status_code, 400)
        user.invalidate_recordset()
        self.assertFalse(user.oa_password_change_required)
        self.assertEqual(self.visits(user).mapped("kind"), ["login"])
        # and the session it opened is signed in: its requests are no visit
        self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(len(self.visits(user)), 1)

    def test_parallel_requests_after_a_pause_are_one_visit(self):
        """Six simultaneous requests of one session after a pause (as many
        workers or nodes would serve them): one visit.  Every request has
        read the session (last seen an hour ago) before any is served."""
        user = new_test_user(
            self.env, login="oa_visit_parallel", groups="oa_base.group_oa_user"
        )
        user.sudo().oa_password_change_required = False
        self.authenticate("oa_visit_parallel", "oa_visit_parallel")
        self.assertEqual(self.visits(user).mapped("kind"), ["login"])
        # the login was two hours ago, the last request an hour ago
        self.env.cr.execute(
            "UPDATE oa_visit SET datetime = datetime - interval '2 hours'"
            " WHERE user_id = %s",
            [user.id],
        )
        store = odoo.http.root.session_store
        session = store.get(self.session.sid)
        session["oa_last_seen"] = int(time.time()) - 3600
        store.save(session)

        loaded = threading.Barrier(PARALLEL, timeout=20)
        real_get = store.get

        def get(sid):
            found = real_get(sid)
            if sid == self.session.sid and threading.current_thread().name.startswith(
                "odoo.service.http.request."
            ):
                loaded.wait()
            return found

        url = self.base_url() + "/web/session/get_session_info"
        statuses = []

        def call():
            reply = requests.post(
                url,
                json={"jsonrpc": "2.0", "method": "call", "params": {}},
                cookies={"session_id": self.session.sid},
                timeout=30,
            )
            statuses.append((reply.status_code, "error" in reply.json()))

        with patch.object(store, "get", side_effect=get):
            threads = [threading.Thread(target=call) for _n in range(PARALLEL)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(40)
        self.assertEqual(statuses, [(200, False)] * PARALLEL)
        self.assertEqual(sorted(self.visits(user).mapped("kind")), ["login", "return"])


@tagged("post_install", "-at_install")
class TestUsageExactAndToday(OaUsageCommon):
    def test_rate_a_is_stored_exactly(self):
        """15 visits / (4 users × 4 working days) = 0.9375, not 0.94."""
        self.week_of_visits()
        snapshot = self.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1), units=self.unit_c, date_to=date(2025, 6, 6)
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(snapshot.visit_count, 15)
        self.assertEqual(snapshot.sudo().rate_a, 0.9375)
        # just above the target is judged on the exact value
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("oa_assessment.target_a", "0.937")
        snapshot = self.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1), units=self.unit_c, date_to=date(2025, 6, 6)
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertTrue(snapshot.pass_a)
        self.assertGreater(snapshot.rate_a, snapshot.target_a)

    def test_this_month_includes_beijing_today(self):
        """17:00 UTC on 3 June is 01:00 on the 4th in Beijing: "this month"
        counts up to the 4th, today, whatever the user's time zone."""
        self.week_of_visits()
        Snapshot = self.env["oa.usage.snapshot"].with_context(tz="UTC")
        with freeze_time("2025-06-03 17:00:00"):
            snapshot = Snapshot._oa_compute_month(date(2025, 6, 1), units=self.unit_c)
        # the 3rd and the 4th: u1 4, u2 2, u3 2 (23:30 and 00:30)
        self.assertRecordValues(
            snapshot,
            [{"date_to": date(2025, 6, 4), "working_days": 2, "visit_count": 8}],
        )
        # the recompute button (no month selected): Beijing's month
        with freeze_time("2025-06-30 17:00:00"):
            self.env["oa.usage.snapshot"].with_context(
                tz="UTC"
            ).sudo().browse().action_recompute_month()
        july = self.env["oa.usage.snapshot"].search(
            [("unit_id", "=", self.unit_c.id), ("period", "=", "month")]
        )
        self.assertIn(date(2025, 7, 1), july.mapped("date"))
