# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import date, datetime
from unittest.mock import patch

import odoo
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_usage_common import SHANGHAI, OaUsageCommon, utc

API = "/web/dataset/call_kw/res.users/read"


class FakeSession(dict):
    """What ``_oa_track`` uses of an Odoo session: ``uid`` and a mapping."""

    def __init__(self, uid):
        super().__init__()
        self.uid = uid


def epoch(local):
    moment = datetime.strptime(local, "%Y-%m-%d %H:%M")
    return int(SHANGHAI.localize(moment).timestamp())


@tagged("post_install", "-at_install")
class TestVisitTracking(OaUsageCommon):
    def setUp(self):
        super().setUp()
        self.user = self.c_users[0]
        self.session = FakeSession(self.user.id)
        self.Visit = self.env["oa.visit"]
        # a return is decided through a cursor of its own: in test mode it
        # is this test's transaction
        self.registry.enter_test_mode(self.env.cr)
        self.addCleanup(self.registry.leave_test_mode)

    def visits(self):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.Visit.search([("user_id", "=", self.user.id)], order="id")

    def track(self, local, path=API):
        return self.Visit._oa_track(self.session, path, now=epoch(local))

    def test_gap_of_30_minutes(self):
        self.Visit._oa_login(self.user.id, self.session, now=epoch("2025-06-03 09:00"))
        self.assertIsNone(self.track("2025-06-03 09:00"))
        self.assertIsNone(self.track("2025-06-03 09:20"))
        # 29 minutes after the last request: the same visit
        self.assertIsNone(self.track("2025-06-03 09:49"))
        # 30 minutes without any request: a new visit
        self.assertEqual(self.track("2025-06-03 10:19"), "return")
        self.assertIsNone(self.track("2025-06-03 10:20"))
        visits = self.visits()
        self.assertEqual(visits.mapped("kind"), ["login", "return"])
        self.assertEqual(
            visits.mapped("datetime"),
            [utc("2025-06-03 09:00"), utc("2025-06-03 10:19")],
        )
        self.assertEqual(visits.unit_id, self.unit_c)

    def test_gap_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "oa_assessment.visit_gap_minutes", "10"
        )
        self.track("2025-06-03 09:00")
        self.assertEqual(self.track("2025-06-03 09:10"), "return")
        self.assertEqual(len(self.visits()), 2)

    def test_midnight_is_not_a_pause(self):
        self.track("2025-06-03 23:50")
        self.assertIsNone(self.track("2025-06-04 00:10"))
        self.assertEqual(len(self.visits()), 1)
        # counted for the 3rd only: the 4th has no visit
        snapshots = self.env["oa.usage.snapshot"]._oa_compute_days(
            date(2025, 6, 3), date(2025, 6, 4), units=self.unit_c
        )
        self.assertEqual(snapshots.mapped("visit_count"), [1, 0])

    def test_holiday_and_makeup_day(self):
        self.track("2025-06-02 10:00")  # holiday
        self.track("2025-06-07 10:00")  # make-up working day
        self.assertEqual(len(self.visits()), 2)
        snapshot = self.env["oa.usage.snapshot"]._oa_compute_month(
            date(2025, 6, 1), units=self.unit_c, date_to=date(2025, 6, 7)
        )
        # only the make-up day's visit is on a working day
        self.assertRecordValues(snapshot, [{"visit_count": 1, "working_days": 5}])

    def test_websocket_is_never_a_visit(self):
        for path in ("/websocket", "/websocket/peek_notifications"):
            self.assertIsNone(self.track("2025-06-03 09:00", path=path))
        self.assertFalse(self.visits())
        self.assertNotIn("oa_last_seen", self.session)

    def test_public_session_is_no_visit(self):
        self.session.uid = None
        self.assertIsNone(self.track("2025-06-03 09:00"))
        self.assertFalse(self.visits())

    def test_last_seen_written_at_most_once_a_minute(self):
        self.track("2025-06-03 09:00")
        seen = self.session["oa_last_seen"]
        self.Visit._oa_track(self.session, API, now=seen + 59)
        self.assertEqual(self.session["oa_last_seen"], seen)
        self.Visit._oa_track(self.session, API, now=seen + 60)
        self.assertEqual(self.session["oa_last_seen"], seen + 60)

    def test_queries(self):
        self.track("2025-06-03 09:00")
        seen = self.session["oa_last_seen"]
        self.env.flush_all()
        # a request within the idle window: nothing at all
        with self.assertQueryCount(0):
            self.Visit._oa_track(self.session, API, now=seen + 30)
        # a login: one insert (Odoo's own login bookkeeping aside)
        with self.assertQueryCount(1):
            self.Visit._oa_login(self.user.id, FakeSession(None), now=seen + 40)
        # a visit after a pause: the user's lock and one conditional insert
        self.Visit._oa_gap_seconds()  # the parameter is cached
        with self.assertQueryCount(2):
            self.Visit._oa_track(self.session, API, now=seen + 7200)

    def test_login_adds_at_most_two_queries(self):
        self.user.oa_password_change_required = False
        self.env.flush_all()
        Log = self.env["res.users.log"].sudo()
        cr = self.env.cr
        before = cr.sql_log_count
        Log.create({})
        self.env.flush_all()
        odoo_only = cr.sql_log_count - before
        before = cr.sql_log_count
        self.user.with_user(self.user)._update_last_login()
        self.env.flush_all()
        self.assertLessEqual(cr.sql_log_count - before - odoo_only, 2)
        self.assertEqual(self.visits().mapped("kind"), ["login"])

    def test_readonly_cursor_writes_through_another(self):
        """A read-only request (maybe on a replica) writes its visit
        through a read/write cursor of its own."""
        opened = []
        registry = self.env.registry
        real_cursor = registry.cursor

        def cursor(readonly=False):
            opened.append(readonly)
            return real_cursor(readonly=readonly)

        rollbacks = []
        with (
            patch.object(type(self.env.cr), "readonly", True),
            patch.object(self.env.cr, "rollback", lambda: rollbacks.append(1)),
            patch.object(registry, "cursor", side_effect=cursor),
        ):
            self.Visit._oa_record(self.user.id, "return")
        self.assertEqual(opened, [False])
        self.assertEqual(rollbacks, [1])
        self.assertEqual(len(self.visits()), 1)

    def test_nobody_writes_visits(self):
        self.visit(self.user, "2025-06-03 09:00")
        visit = self.visits()
        for user in (self.project_user, self.admin_a1, self.user):
            with self.assertRaises(UserError):
                self.Visit.with_user(user).create(
                    {
                        "user_id": user.id,
                        "datetime": utc("2025-06-03 09:00"),
                        "kind": "login",
                    }
                )
            with self.assertRaises(UserError):
                visit.with_user(user).write({"kind": "login"})
            with self.assertRaises(AccessError):
                visit.with_user(user).unlink()
        self.assertEqual(visit.kind, "return")

    def test_only_the_project_group_reads_visits(self):
        self.visit(self.user, "2025-06-03 09:00")
        self.assertTrue(self.Visit.with_user(self.project_user).search([]))
        for user in (self.admin_a1, self.staff_a, self.finance, self.user):
            with self.assertRaises(AccessError):
                self.Visit.with_user(user).search([])


@tagged("post_install", "-at_install")
class TestVisitHttp(HttpCase):
    """The real request path: login, a request within the pause, a request
    after a pause, and the websocket's reconnects."""

    def setUp(self):
        super().setUp()
        self.user = new_test_user(
            self.env, login="oa_visit_http", groups="oa_base.group_oa_user"
        )
        self.user.sudo().oa_password_change_required = False

    def visits(self):
        self.env.invalidate_all()
        return self.env["oa.visit"].search([("user_id", "=", self.user.id)])

    def set_last_seen(self, ago):
        store = odoo.http.root.session_store
        session = store.get(self.session.sid)
        session["oa_last_seen"] = int(time.time()) - ago
        store.save(session)

    def test_http_visits(self):
        self.authenticate("oa_visit_http", "oa_visit_http")
        self.assertEqual(self.visits().mapped("kind"), ["login"])
        # the login was two hours ago
        self.env.cr.execute(
            "UPDATE oa_visit SET datetime = datetime - interval '2 hours'"
            " WHERE user_id = %s",
            [self.user.id],
        )
        self.set_last_seen(5)
        self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(len(self.visits()), 1)
        # back after an hour: a visit
        self.set_last_seen(3600)
        self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(sorted(self.visits().mapped("kind")), ["login", "return"])
        # the websocket reconnecting after an hour is no visit
        self.set_last_seen(3600)
        self.make_jsonrpc_request(
            "/websocket/peek_notifications",
            {"channels": [], "last": 0, "is_first_poll": True},
        )
        self.assertEqual(len(self.visits()), 2)
