# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a flow gets from the kernel by declaring its steps (the example
``test.oa.flow.request``): step rows with deadlines, to-dos for the actors
and their proxies, 已办, the flow guard and the actor check."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.oa_base.tests.common import OaBaseCommon

# Friday 6 March 2026, 10:00 in Beijing
FRIDAY = datetime(2026, 3, 6, 2, 0)


@tagged("post_install", "-at_install")
class TestExampleFlow(OaBaseCommon):
    def _request(self):
        return (
            self.env["test.oa.flow.request"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": "周一送文件去市政府",
                    "unit_id": self.unit_a.id,
                    "dispatcher_id": self.clerk_a.id,
                }
            )
        )

    def _todos(self, request, active=True):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", request._name),
                    ("res_id", "=", request.id),
                    ("active", "=", active),
                ]
            )
        )

    def test_steps_deadlines_todos_proxies_and_done(self):
        request = self._request()
        with freeze_time(FRIDAY):
            # the leader is away: his proxy gets a copy of the to-do
            self.env["oa.proxy"].create(
                {
                    "user_id": self.leader_a.id,
                    "proxy_user_id": self.admin_a1.id,
                    "date_from": FRIDAY - timedelta(hours=1),
                    "date_to": FRIDAY + timedelta(days=3),
                    "reason": "trip",
                }
            )
            request.action_submit()
            step = request.oa_step_ids
            self.assertRecordValues(
                step,
                [
                    {
                        "step_type": "approve",
                        "state": "pending",
                        "user_ids": self.leader_a.ids,
                        # one working day from Friday: the end of Monday
                        "date_deadline": datetime(2026, 3, 9, 16, 0),
                    }
                ],
            )
            # who may act (and read it): the leader and his proxy
            self.assertEqual(step.actor_ids, self.leader_a | self.admin_a1)
            todos = self._todos(request)
            self.assertEqual(todos.user_id, self.leader_a | self.admin_a1)
            self.assertEqual(set(todos.mapped("date_deadline")), {step_day(9)})
            # nobody else approves; the proxy does, for the leader
            with self.assertRaises(AccessError):
                request.with_user(self.staff_a).action_approve()
            request.with_user(self.admin_a1).action_approve("同意")
        self.assertEqual(request.state, "dispatch")
        approve, dispatch = request.oa_step_ids
        self.assertRecordValues(
            approve,
            [
                {
                    "state": "done",
                    "acted_by_id": self.admin_a1.id,
                    "on_behalf_of_id": self.leader_a.id,
                    "comment": "同意",
                }
            ],
        )
        self.assertEqual(dispatch.user_ids, self.clerk_a)
        # the proxy's 已办: his to-do completed, the leader's removed
        self.assertEqual(self._todos(request, active=False).user_id, self.admin_a1)
        self.assertEqual(self._todos(request).user_id, self.clerk_a)
        with self.assertRaises(UserError):
            request.with_user(self.clerk_a).action_dispatch("  ")
        request.with_user(self.clerk_a).action_dispatch("王师傅")
        self.assertRecordValues(request, [{"state": "done", "driver": "王师傅"}])
        self.assertEqual(request.oa_step_ids.mapped("state"), ["done", "done"])
        self.assertFalse(self._todos(request))

    def test_only_the_flow_moves_it(self):
        Request = self.env["test.oa.flow.request"].with_user(self.staff_a)
        with self.assertRaises(UserError):
            Request.create(
                {
                    "name": "x",
                    "unit_id": self.unit_a.id,
                    "dispatcher_id": self.clerk_a.id,
                    "state": "done",
                }
            )
        request = Request.with_context(default_state="done", default_driver="张三")
        request = request.create(
            {"name": "x", "unit_id": self.unit_a.id, "dispatcher_id": self.clerk_a.id}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertRecordValues(request, [{"state": "draft", "driver": False}])
        for vals in ({"state": "done"}, {"driver": "张三"}):
            with self.assertRaises(UserError):
                request.write(vals)
        with self.assertRaises(UserError):
            request.with_user(self.staff_b).action_submit()

    def test_done_on_the_companys_day(self):
        """已办 is dated by Beijing's day: at 01:00 on 6 March in Beijing the
        UTC date is still the 5th."""
        request = self._request()
        with freeze_time(datetime(2026, 3, 5, 17, 0)):
            request.action_submit()
            request.with_user(self.leader_a).action_approve()
        done = self._todos(request, active=False)
        self.assertEqual(done.user_id, self.leader_a)
        self.assertEqual(done.date_done, step_day(6))

    def test_proxy_named_later_gets_the_open_todo(self):
        request = self._request()
        request.action_submit()
        self.assertEqual(self._todos(request).user_id, self.leader_a)
        now = datetime.now()
        self.env["oa.proxy"].create(
            {
                "user_id": self.leader_a.id,
                "proxy_user_id": self.admin_a2.id,
                "date_from": now,
                "date_to": now + timedelta(days=1),
                "reason": "leave",
            }
        )
        self.assertEqual(self._todos(request).user_id, self.leader_a | self.admin_a2)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(request.oa_step_ids.actor_ids, self.leader_a | self.admin_a2)


def step_day(day):
    return datetime(2026, 3, day).date()
