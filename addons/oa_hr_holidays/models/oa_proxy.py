# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from odoo.addons.oa_base.tools.labels import field_labels
from odoo.addons.oa_base.tools.local_time import local_today, to_local, user_tz

CONFIRM_ACTIVITY = "oa_hr_holidays.mail_act_oa_proxy_confirm"


class OaProxy(models.Model):
    """A proxy window that follows an approved leave.

    The leave flow creates the window *proposed* and archived, so that
    ``_get_acting_users`` and the overlap check of oa_base ignore it; the
    principal confirms it with one click, which activates it.  Refusing,
    cancelling or moving the leave cancels or moves the window.  Only these
    transitions write the leave fields of a window.
    """

    _name = "oa.proxy"
    _inherit = ["oa.proxy", "oa.flow.guard", "mail.activity.mixin", "oa.todo.mixin"]
    # the principal's to-do "Confirm Proxy" sits on the proposed window (an
    # OA record: it shows in his 待办 on the workbench)
    _oa_todo_type = CONFIRM_ACTIVITY
    # only the leave transitions write them, on any window
    _oa_flow_fields = ("leave_id", "proposal_state", "confirm_date")

    leave_id = fields.Many2one(
        "hr.leave",
        string="Time Off",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        help="The approved leave this window follows.",
    )
    proposal_state = fields.Selection(
        [
            ("proposed", "To Confirm"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
            ("declined", "Declined"),
        ],
        string="Confirmation",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default="confirmed",
        tracking=True,
        help="To Confirm: proposed by an approved leave, not in effect until the "
        "principal confirms it. Cancelled: its leave was refused, cancelled or "
        "changed. Declined: the principal did not want it.",
    )
    confirm_date = fields.Datetime(
        string="Confirmed On",
        readonly=True,
        copy=False,
        help="When the principal confirmed the window proposed by his leave.",
    )

    # ---- Protected fields ----

    @api.model
    def _oa_leave_window_fields(self):
        """Fields of a window that follows a leave: they move with the leave
        (or through Confirm / Decline), never by hand."""
        return {"user_id", "proxy_user_id", "date_from", "date_to", "active", "reason"}

    def _oa_raise_protected(self, names):
        labels = field_labels(self, names)
        raise UserError(
            self.env._(
                "These fields of a proxy window are set by the time off flow "
                "only: %(fields)s. Confirm or decline the proposal with its "
                "buttons; change the leave to move the window.",
                fields=labels,
            )
        )

    # ---- CRUD ----

    def write(self, vals):
        if not self.env.su:
            if self.sudo().filtered("leave_id"):
                protected = set(vals) & self._oa_leave_window_fields()
                if protected:
                    self._oa_raise_protected(protected)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_leave_window(self):
        if not self.env.su and self.sudo().filtered("leave_id"):
            raise UserError(
                self.env._(
                    "A proxy window proposed by a leave cannot be deleted: decline "
                    "it, or refuse or cancel the leave."
                )
            )

    # ---- Actions ----

    def action_confirm_proxy(self):
        """The principal accepts the window proposed by his approved leave:
        from now on the proxy acts for him during exactly those dates."""
        self._check_can_answer()
        if any(window.proposal_state != "proposed" for window in self.sudo()):
            raise UserError(
                self.env._("Only a proposed proxy window can be confirmed.")
            )
        self._oa_do_confirm()
        return True

    def action_decline_proxy(self):
        """The principal does not want (or no longer wants) the proxy his
        leave proposed: the window is withdrawn and stays so for this leave."""
        self._check_can_answer()
        if any(
            not window.leave_id
            or window.proposal_state not in ("proposed", "confirmed")
            for window in self.sudo()
        ):
            raise UserError(
                self.env._(
                    "Only a proxy window proposed or confirmed for a leave can be "
                    "declined; archive a window you named yourself."
                )
            )
        self._oa_do_cancel("declined")
        return True

    def _check_can_answer(self):
        """Only the principal (or the project group) answers a proposal."""
        if self.env.su or self.env.user._oa_is_project():
            return
        others = self.sudo().filtered(lambda window: window.user_id != self.env.user)
        if others:
            raise UserError(
                self.env._(
                    "Only %(user)s, or the project group, can confirm or decline "
                    "the proxy proposed for his or her leave.",
                    user=others[0].user_id.name,
                )
            )

    # ---- Transitions (called after the caller's own checks) ----

    def _oa_do_confirm(self):
        windows = self.sudo()
        windows.write(
            {
                "proposal_state": "confirmed",
                "active": True,
                "confirm_date": fields.Datetime.now(),
            }
        )
        windows._oa_todo_complete(everyone=True)

    def _oa_do_cancel(self, state="cancelled"):
        windows = self.sudo()
        windows._oa_todo_clear()
        windows.write({"proposal_state": state, "active": False})

    def _oa_do_propose(self, date_from=None, date_to=None):
        """(Re)propose the windows, archived until confirmed, with a to-do for
        each principal."""
        vals = {"proposal_state": "proposed", "active": False}
        if date_from:
            vals.update(date_from=date_from, date_to=date_to)
        windows = self.sudo()
        windows.write(vals)
        windows._oa_schedule_confirmation()

    def _oa_schedule_confirmation(self):
        """The principal's to-do "confirm your proxy", in his language and
        on his clock (the company's when he has no time zone)."""
        windows = self.sudo().filtered("leave_id")
        todos = []
        for window in windows:
            principal = window.user_id
            env = window.with_context(lang=principal.lang, tz=principal.tz).env
            tz = user_tz(env, principal)
            note = env._(
                "%(proxy)s will act for you from %(start)s to %(end)s, the dates of "
                "your approved leave, once you confirm.",
                proxy=window.proxy_user_id.name,
                start=format_datetime(
                    env, window.date_from, tz=tz.zone, dt_format="short"
                ),
                end=format_datetime(env, window.date_to, tz=tz.zone, dt_format="short"),
            )
            summary = env._("Confirm your proxy for the leave")
            # due the day the leave starts (today if it has)
            start = to_local(env, window.date_from, tz).date()
            deadline = max(local_today(env, principal), start)
            extra = {"note": note, "date_deadline": deadline}
            todos.append((window, principal, summary, extra))
        # his own answer: no proxy confirms it for him
        windows._oa_todo_set(todos, personal=True)
