# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import logging
import threading

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessDenied, AccessError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

# 三员: the duty and the group that gives it (Settings is the system
# administrator's duty, whoever gave it)
DUTIES = {
    "sysadmin": "base.group_system",
    "secadmin": "oa_security.group_oa_secadmin",
    "auditor": "oa_security.group_oa_auditor",
}
SECADMIN = "oa_security.group_oa_secadmin"
# 等保 8.1.4.1 d: who must log in with two factors (TOTP) before working
TOTP_GROUPS = (
    "base.group_system",
    "oa_security.group_oa_secadmin",
    "oa_security.group_oa_auditor",
    "oa_base.group_oa_project",
)
TOTP_PARAM = "oa_security.totp_required"
TOTP_ENROL_URL = "/web/login/totp/enrol"


class AccountLocked(AccessDenied):
    """The account is locked: refused whatever the password (not counted)."""


def _in_rpc():
    """True while controllers/rpc.py dispatches an XML-RPC/JSON-RPC call on
    this thread (set by the server's own route, never by the client)."""
    return bool(getattr(threading.current_thread(), "oa_rpc", False))


def _request_ip():
    """The caller's address: the request's, or over XML-RPC/JSON-RPC (which
    hide the request) the one controllers/rpc.py keeps on the thread."""
    if request:
        return request.httprequest.remote_addr
    return getattr(threading.current_thread(), "oa_remote_addr", None)


class ResUsers(models.Model):
    _inherit = "res.users"

    # ---- Authentication: per-account lockout on every entry point ----
    #
    # Every password or API key check goes through _assert_can_auth: the login
    # form, /web/session/authenticate and common.authenticate (_login), and
    # object.execute_kw over XML-RPC/JSON-RPC (check).

    def _on_login_cooldown(self, failures, previous):
        # Odoo's throttle counts failures per source IP in each worker's
        # memory: behind a NAT one office would lock out everybody else.  The
        # per-account lockout below replaces it.
        return False

    @api.model
    def _oa_lock_key(self, user):
        """The login the failures of ``user`` (a login or a uid) count on."""
        if isinstance(user, int):
            self.env.cr.execute("SELECT login FROM res_users WHERE id = %s", [user])
            row = self.env.cr.fetchone()
            return row[0] if row else None
        return user or None

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        # While locked, even the right password is refused, before it is
        # checked.  The failures are counted by _login and check, once the
        # login's own cursor is closed (its transaction is rolled back).
        login = self._oa_lock_key(user)
        if login:
            Lockout = self.env["oa.login.lockout"]
            until = Lockout._oa_locked_until(login)
            if until:
                raise AccountLocked(Lockout._oa_locked_message(login, until))
        with super()._assert_can_auth(user=user):
            yield

    @classmethod
    def _oa_after_auth(cls, login, error=None, auth_info=None):
        """Count a failure, reset the count after a success, and record the
        attempt, on a cursor of its own.  Returns the refusal to raise (the
        lock message when this failure locked the account) or None."""
        ip = _request_ip()
        with cls.pool.cursor() as cr:
            if not cls.pool.in_test_mode():
                # a transaction of its own: the chain's tip it waits for is
                # read as committed, never as an old snapshot (no failure)
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            env = api.Environment(cr, SUPERUSER_ID, {})
            # the trail's text in the company's language (no user yet)
            env = env(context={"lang": env["oa.audit.log"]._oa_trail_lang()})
            Lockout = env["oa.login.lockout"]
            Log = env["oa.audit.log"]
            if isinstance(login, int):
                cr.execute("SELECT id, login FROM res_users WHERE id = %s", [login])
            else:
                cr.execute("SELECT id, login FROM res_users WHERE login = %s", [login])
            user_id, login = cr.fetchone() or (None, login)
            if not login:
                return None
            who = {"user_id": user_id, "login": login, "user_name": None, "ip": ip}
            if auth_info is not None:
                if Lockout._oa_has_failures(login):
                    Lockout._oa_reset(cr, login)
                method = auth_info.get("auth_method")
                Log._oa_insert(
                    cr, [Log._oa_row("login", detail=method, **who)], committed=True
                )
                return None
            if isinstance(error, AccountLocked):
                Log._oa_insert(
                    cr,
                    [Log._oa_row("login_refused", "refused", **who)],
                    committed=True,
                )
                return None
            count, until = Lockout._oa_register_failure(cr, login, user_id, ip)
            rows = [
                Log._oa_row(
                    "login_failed",
                    "failure",
                    detail=env._("Failure %(count)s", count=count),
                    **who,
                )
            ]
            if until:
                rows.append(
                    Log._oa_row(
                        "lockout",
                        model="res.users",
                        res_id=user_id,
                        record_name=login,
                        detail=env._(
                            "Locked until %(until)s after %(count)s failures",
                            until=Log._oa_local_time(until),
                            count=count,
                        ),
                        **who,
                    )
                )
                _logger.warning("Account %r locked until %s UTC", login, until)
            Log._oa_insert(cr, rows, committed=True)
            if until:
                return AccountLocked(Lockout._oa_locked_message(login, until))
        return None

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        login = credential.get("login")
        try:
            auth_info = super()._login(db, credential, user_agent_env)
        except AccessDenied as error:
            refusal = cls._oa_after_auth(login, error=error)
            if refusal:
                raise refusal from error
            raise
        cls._oa_after_auth(auth_info["uid"], auth_info=auth_info)
        return auth_info

    @classmethod
    def check(cls, db, uid, passwd):
        # Odoo caches a successful check per (uid, password): a locked account
        # must be refused even with credentials that worked before.
        with contextlib.closing(cls.pool.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            login = env["res.users"]._oa_lock_key(int(uid))
            Lockout = env["oa.login.lockout"]
            until = login and Lockout._oa_locked_until(login)
            if until:
                raise AccountLocked(Lockout._oa_locked_message(login, until))
        try:
            return super().check(db, uid, passwd)
        except AccountLocked:
            raise
        except AccessDenied as error:
            refusal = cls._oa_after_auth(int(uid), error=error)
            if refusal:
                raise refusal from error
            raise

    @api.model
    def _oa_is_locked(self, uid):
        login = self._oa_lock_key(int(uid))
        return bool(login and self.env["oa.login.lockout"]._oa_locked_until(login))

    # ---- Two factors for administrators (等保 8.1.4.1 d) ----
    #
    # A user who must use two factors and has not enrolled TOTP gets, after
    # his password, a partial session (Odoo's MFA step: ``pre_uid``, no
    # ``uid``) whose only page is the enrolment (controllers/totp.py): no
    # /odoo, /web or JSON route serves him until he enrolled.  Once enrolled,
    # auth_totp's own step (/web/login/totp) asks for the code.

    def _oa_totp_required(self):
        """Whether the user must log in with two factors (the setting is on
        and he holds Settings, a 三员 duty or the project group)."""
        self.ensure_one()
        if self._is_superuser() or not self.env["ir.config_parameter"].sudo().get_param(
            TOTP_PARAM
        ):
            return False
        user = self.sudo()
        return any(user.has_group(xmlid) for xmlid in TOTP_GROUPS)

    def _oa_totp_enrolment_pending(self):
        self.ensure_one()
        return not self.sudo().totp_enabled and self._oa_totp_required()

    def _mfa_url(self):
        url = super()._mfa_url()
        if url is None and self._oa_totp_enrolment_pending():
            return TOTP_ENROL_URL
        return url

    def _check_credentials(self, credential, env):
        """Over XML-RPC/JSON-RPC a user who must enrol refuses his password
        (he would skip the second factor): his API keys are how integrations
        authenticate, as auth_totp does once he enrolled."""
        auth_info = super()._check_credentials(credential, env)
        if (
            _in_rpc()
            and auth_info.get("auth_method") == "password"
            and self.env.user._oa_totp_enrolment_pending()
        ):
            raise AccessDenied(
                self.env._(
                    "Two-factor authentication is required for this account: "
                    "log in to the web client to enrol it, and use an API key "
                    "for RPC."
                )
            )
        return auth_info

    def _totp_try_setting(self, secret, code):
        done = super()._totp_try_setting(secret, code)
        if done:
            self.env["oa.audit.log"]._oa_log(
                "totp_enrol", record=self, record_name=self.login
            )
        return done

    def action_totp_disable(self):
        enabled = self.sudo().filtered("totp_enabled")
        res = super().action_totp_disable()
        Log = self.env["oa.audit.log"]
        for user in enabled.sudo().filtered(lambda u: not u.totp_enabled):
            Log._oa_log("totp_disable", record=user, record_name=user.login)
        return res

    # ---- 三员 (separation of duties) ----

    def _oa_duties(self):
        """The 三员 duties the user holds."""
        self.ensure_one()
        groups = self.sudo().groups_id
        duties = []
        for duty, xmlid in DUTIES.items():
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group and group in groups:
                duties.append(duty)
        return duties

    @api.constrains("groups_id")
    def _check_oa_separation(self):
        for user in self:
            if user.id == SUPERUSER_ID:
                continue
            duties = user._oa_duties()
            if len(duties) > 1:
                names = self.env["res.groups"]
                for duty in duties:
                    names |= self.env.ref(DUTIES[duty])
                raise ValidationError(
                    self.env._(
                        "%(user)s would hold %(duties)s: the system administrator, "
                        "the security administrator and the security auditor must "
                        "be three different people.",
                        user=user.name,
                        duties=", ".join(names.mapped("full_name")),
                    )
                )

    @api.model
    def _oa_duty_groups(self):
        groups = self.env["res.groups"]
        for xmlid in (*DUTIES.values(), "oa_security.group_oa_sysadmin"):
            groups |= self.env.ref(xmlid, raise_if_not_found=False) or groups
        return groups

    @api.model
    def _oa_is_secadmin(self):
        return self.env.su or self.env.user.has_group(SECADMIN)

    @api.model
    def _oa_group_keys(self, vals):
        return [
            key
            for key in vals
            if key in ("groups_id", "oa_role_ids")
            or key.startswith(("in_group_", "sel_groups_"))
        ]

    def _oa_check_grant_by_secadmin(self, groups_before):
        """Among the access rights managers, only the security administrator
        grants or removes groups, never his own; the project group and the
        unit administrators keep the OA grants oa_base gives them."""
        if self.env.su:
            return
        changed_users = self.sudo().filtered(
            lambda u: u.groups_id != groups_before.get(u.id, u.groups_id)
        )
        if not changed_users:
            return
        actor = self.env.user
        if actor in changed_users:
            raise AccessError(
                self.env._(
                    "Nobody changes his own groups: ask the security administrator."
                )
            )
        if self._oa_manager_level() == "all" and not actor.has_group(SECADMIN):
            raise AccessError(
                self.env._(
                    "Only the security administrator grants or removes groups "
                    "and roles; the system administrator configures the system."
                )
            )

    def _oa_check_duty_holder_managed(self):
        """The accounts of 三员 holders are managed by the security
        administrator only (a password reset would hand over the duty)."""
        if self.env.su or self.env.user.has_group(SECADMIN):
            return
        holders = self.sudo().filtered(lambda u: u != self.env.user and u._oa_duties())
        if holders:
            raise AccessError(
                self.env._(
                    "Only the security administrator manages the account of "
                    "%(user)s (a 三员 duty holder).",
                    user=", ".join(holders.mapped("name")),
                )
            )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if not self.env.su:
            defaults = self._default_groups()
            defaults |= defaults.trans_implied_ids
            users._oa_check_grant_by_secadmin({user.id: defaults for user in users})
        Log = self.env["oa.audit.log"]
        for user in users.sudo():
            Log._oa_log(
                "group_grant",
                record=user,
                record_name=user.login,
                detail=", ".join(user.groups_id.mapped("full_name")),
            )
        return users

    def write(self, vals):
        group_keys = self._oa_group_keys(vals)
        if not self.env.su and set(vals) - set(self.SELF_WRITEABLE_FIELDS):
            self._oa_check_duty_holder_managed()
        before = {}
        if group_keys:
            before = {user.id: user.sudo().groups_id for user in self}
        password_change = "password" in vals  # oa_base pops it from vals
        res = super().write(vals)
        if group_keys:
            self._oa_check_grant_by_secadmin(before)
            self._oa_log_group_changes(before)
        if password_change:
            Log = self.env["oa.audit.log"]
            for user in self.sudo():
                Log._oa_log(
                    "password",
                    record=user,
                    record_name=user.login,
                    detail=self.env._("by himself")
                    if user == self.env.user
                    else self.env._("set by another user"),
                )
        return res

    def _oa_log_group_changes(self, before):
        Log = self.env["oa.audit.log"]
        duties = self._oa_duty_groups()
        for user in self.sudo():
            old = before.get(user.id, user.groups_id)
            for action, duty_action, groups in (
                ("group_grant", "duty_grant", user.groups_id - old),
                ("group_revoke", "duty_revoke", old - user.groups_id),
            ):
                if not groups:
                    continue
                if groups & duties:
                    action = duty_action
                Log._oa_log(
                    action,
                    record=user,
                    record_name=user.login,
                    detail=", ".join(groups.mapped("full_name")),
                )

    def action_reset_password(self):
        self._oa_check_duty_holder_managed()
        return super().action_reset_password()
