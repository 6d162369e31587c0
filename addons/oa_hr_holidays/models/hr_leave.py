# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_datetime

# A write of one of these fields may move a leave in or out of its approved
# state or change its dates: the proxy window follows.  date_from/date_to are
# computed from the request_* fields, so those count too.
PROXY_SYNC_FIELDS = {
    "state",
    "employee_id",
    "holiday_status_id",
    "date_from",
    "date_to",
    "request_date_from",
    "request_date_to",
    "request_date_from_period",
    "request_hour_from",
    "request_hour_to",
    "request_unit_half",
    "request_unit_hours",
    "resource_calendar_id",
    "oa_proxy_user_id",
}


class HrLeave(models.Model):
    _inherit = "hr.leave"

    oa_proxy_user_id = fields.Many2one(
        "res.users",
        string="Proxy During Leave",
        domain="[('share', '=', False), ('id', '!=', user_id)]",
        tracking=True,
        help="The colleague who handles your documents during this leave. Left "
        "empty, your standing proxy (Preferences) is proposed. Once the leave is "
        "approved you confirm the proxy window with one click.",
    )
    oa_proxy_state = fields.Selection(
        selection=[
            ("proposed", "To Confirm"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
            ("declined", "Declined"),
        ],
        string="Proxy Window",
        compute="_compute_oa_proxy_state",
        compute_sudo=True,
        help="The state of the proxy window this leave proposed, if any.",
    )
    oa_proxy_to_answer = fields.Boolean(
        string="Proxy To Confirm",
        compute="_compute_oa_proxy_state",
        compute_sudo=True,
        help="The proxy window of this leave waits for you to confirm it.",
    )

    def _oa_windows_by_leave(self):
        """``{leave id: its latest window}``, archived ones included, in one
        query."""
        windows = (
            self.env["oa.proxy"]
            .sudo()
            .with_context(active_test=False)
            .search([("leave_id", "in", self.ids)], order="id desc")
        )
        latest = {}
        for window in windows:
            latest.setdefault(window.leave_id.id, window)
        return latest

    @api.depends_context("uid")
    def _compute_oa_proxy_state(self):
        latest = self.filtered("id")._oa_windows_by_leave()
        for leave in self:
            window = latest.get(leave.id)
            leave.oa_proxy_state = window.proposal_state if window else False
            leave.oa_proxy_to_answer = bool(
                window
                and window.proposal_state == "proposed"
                and window.user_id.id == self.env.uid
            )

    @api.constrains("oa_proxy_user_id", "employee_id")
    def _check_oa_proxy_user(self):
        for leave in self.sudo().filtered("oa_proxy_user_id"):
            proxy = leave.oa_proxy_user_id
            if proxy == leave.employee_id.user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be his or her own proxy during the leave: "
                        "choose a colleague.",
                        user=proxy.name,
                    )
                )
            if proxy.share or not proxy.active:
                raise ValidationError(
                    self.env._(
                        "The proxy during a leave must be an active internal user; "
                        "%(user)s is not.",
                        user=proxy.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        # Leaves created approved (split leaves, batch company time off).
        leaves.filtered(
            lambda leave: leave.state == "validate"
        )._oa_sync_proxy_windows()
        return leaves

    def write(self, vals):
        res = super().write(vals)
        if PROXY_SYNC_FIELDS.intersection(vals):
            self._oa_sync_proxy_windows()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_cancel_proxy_windows(self):
        windows = (
            self.env["oa.proxy"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("leave_id", "in", self.ids),
                    ("proposal_state", "in", ("proposed", "confirmed")),
                ]
            )
        )
        windows._oa_do_cancel()

    # ---- Actions ----

    def action_validate(self, check_state=True):
        res = super().action_validate(check_state)
        self._oa_note_missing_proxy()
        return res

    def action_oa_confirm_proxy(self):
        """Confirm, from the leave, the proxy window it proposed."""
        return self._oa_proposed_windows().action_confirm_proxy()

    def action_oa_decline_proxy(self):
        return self._oa_proposed_windows().action_decline_proxy()

    def _oa_proposed_windows(self):
        windows = self.env["oa.proxy"]
        latest = self._oa_windows_by_leave()
        for leave in self:
            window = latest.get(leave.id)
            if not window or window.proposal_state != "proposed":
                raise UserError(
                    self.env._(
                        "The leave %(leave)s has no proxy window waiting for "
                        "confirmation.",
                        leave=leave.sudo().display_name,
                    )
                )
            windows |= window
        # the windows' own checks run as the caller
        return windows.with_env(self.env)

    def _split_leaves(self, split_date_from, split_date_to):
        # Odoo shortens an approved leave (company time off in the middle of
        # it) by refusing it and creating approved leaves for what is left.
        # The principal confirmed his proxy for the whole leave: the windows
        # of the pieces inherit that confirmation instead of asking again.
        consents = [
            (window.user_id, window.proxy_user_id, window.date_from, window.date_to)
            for window in self._oa_windows_by_leave().values()
            if window.proposal_state == "confirmed"
        ]
        res = super()._split_leaves(split_date_from, split_date_to)
        if consents:
            users = self.env["res.users"].union(*(consent[0] for consent in consents))
            proposals = (
                self.env["oa.proxy"]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("proposal_state", "=", "proposed"),
                        ("leave_id", "!=", False),
                        ("user_id", "in", users.ids),
                    ]
                )
            )
            proposals.filtered(
                lambda w: any(
                    w.user_id == user
                    and w.proxy_user_id == proxy
                    and start <= w.date_from
                    and w.date_to <= end
                    for user, proxy, start, end in consents
                )
            )._oa_do_confirm()
        return res

    # ---- Business methods ----

    def _oa_proxy_wish(self):
        """``(principal, proxy)`` this approved leave asks a window for, or
        ``None``: the proxy named on the request, else the principal's
        standing proxy; only for OA users."""
        self.ensure_one()
        leave = self.sudo()
        user = leave.employee_id.user_id
        if (
            leave.state != "validate"
            or not user
            or not user.active
            or user.share
            or not user.has_group("oa_base.group_oa_user")
            or not (
                leave.date_from and leave.date_to and leave.date_from < leave.date_to
            )
        ):
            return None
        proxy = leave.oa_proxy_user_id or user.oa_default_proxy_id
        if not proxy or not proxy.active or proxy.share or proxy == user:
            return None
        return user, proxy

    def _oa_sync_proxy_windows(self):
        """Make each leave's proxy window match the leave: propose one when it
        is approved, cancel it when it is no longer, move it with its dates.

        Shortening keeps a confirmed window confirmed; a window that grows or
        comes back after a refusal outside what was confirmed is proposed
        again.  A window the principal declined stays declined for the leave.
        """
        leaves = self.sudo().filtered("id")
        if not leaves:
            return
        Proxy = self.env["oa.proxy"].sudo().with_context(active_test=False)
        latest = leaves._oa_windows_by_leave()
        new_vals = []
        now = fields.Datetime.now()
        for leave in leaves:
            wish = leave._oa_proxy_wish()
            window = latest.get(leave.id, Proxy)
            live = window.proposal_state in ("proposed", "confirmed")
            if not wish:
                if live:
                    window._oa_do_cancel()
                continue
            user, proxy = wish
            start, end = leave.date_from, leave.date_to
            if not window or (window.user_id, window.proxy_user_id) != (user, proxy):
                if live:
                    window._oa_do_cancel()
                if end > now:
                    new_vals.append(leave._oa_window_vals(user, proxy))
                continue
            leave._oa_follow(window, start, end)
        if new_vals:
            windows = Proxy.with_context(mail_create_nosubscribe=True).create(new_vals)
            for window in windows:
                window.message_subscribe(
                    partner_ids=(window.user_id | window.proxy_user_id).partner_id.ids
                )
            windows._oa_schedule_confirmation()

    def _oa_follow(self, window, start, end):
        """Move ``window`` (same principal and proxy) to ``start``-``end``."""
        state = window.proposal_state
        same = (window.date_from, window.date_to) == (start, end)
        inside = window.date_from <= start and end <= window.date_to
        if state == "declined" or (state in ("proposed", "confirmed") and same):
            return
        if state == "confirmed" and inside:
            window.write({"date_from": start, "date_to": end})
        elif (
            state == "cancelled"
            and window.confirm_date
            and inside
            and not self._oa_overlaps(window, start, end)
        ):
            # back to approved within what the principal already confirmed
            # (Odoo re-checks approved leaves when company time off changes)
            window.write(
                {
                    "date_from": start,
                    "date_to": end,
                    "proposal_state": "confirmed",
                    "active": True,
                }
            )
        else:
            window._oa_do_propose(start, end)

    def _oa_overlaps(self, window, start, end):
        return bool(
            self.env["oa.proxy"]
            .sudo()
            .search_count(
                [
                    ("user_id", "=", window.user_id.id),
                    ("id", "!=", window.id),
                    ("date_from", "<", end),
                    ("date_to", ">", start),
                ],
                limit=1,
            )
        )

    def _oa_window_vals(self, user, proxy):
        self.ensure_one()
        env = self.with_context(lang=user.lang).env
        return {
            "user_id": user.id,
            "proxy_user_id": proxy.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "reason": "leave",
            "leave_id": self.id,
            "proposal_state": "proposed",
            "active": False,
            "note": env._(
                "Proposed by the approved leave %(leave)s.",
                leave=self.with_env(env).holiday_status_id.name,
            ),
        }

    def _oa_note_missing_proxy(self):
        """Tell an OA user whose approved leave proposes no proxy how to get
        one next time."""
        for leave in self.sudo():
            user = leave.employee_id.user_id
            if (
                leave.state != "validate"
                or not user
                or user.share
                or not user.has_group("oa_base.group_oa_user")
                or leave._oa_proxy_wish()
            ):
                continue
            env = leave.with_context(lang=user.lang).env
            leave.message_post(
                body=env._(
                    "No proxy was named for this leave (%(start)s to %(end)s): "
                    "documents sent to %(user)s wait for his or her return. Name a "
                    "proxy on the request, or a standing proxy in your preferences.",
                    user=user.name,
                    start=format_datetime(
                        env, leave.date_from, tz=user.tz, dt_format="short"
                    ),
                    end=format_datetime(
                        env, leave.date_to, tz=user.tz, dt_format="short"
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
