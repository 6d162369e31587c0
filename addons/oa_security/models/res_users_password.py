# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One password hash per sign-in.

A password hash (PBKDF2-SHA512, Odoo's default 600,000 rounds: ~0.3 s of a
core) is the larger part of a sign-in.  Some requests computed it twice for
the same password and the same stored hash:

- the first-login change on the web (``/web/reset_password``): the new
  password is hashed and stored, then auth_signup opens the session with it
  (``session.authenticate``), which verified it against the hash just
  computed;
- ``/oa/password/change`` (the mobile app's first-login change): the old
  password is verified by ``authenticate``, then again by
  ``change_password``.

The crypt context below remembers, for the current HTTP request only, the
hashes it computed or verified successfully, each with a keyed digest of the
password (never the password itself); verifying the same password against
the same stored hash again in that request answers from it.  Nothing else
changes: the same scheme and rounds, every failure computed (and counted by
the lockout), the lockout checked before any hash, the audit rows, two
factors.  Outside a request (XML-RPC/JSON-RPC dispatch hides it, crons,
shell) every verification is computed."""

import hashlib
import hmac
import os

from odoo import models
from odoo.http import request

from odoo.addons.base.models.res_users import CryptContext

# the digests are keyed with a secret of this process: one found in a dump of
# a request's environment does not give the password away
_MEMO_KEY = os.urandom(32)
ENVIRON_KEY = "oa_security.password_memo"


def _digest(secret):
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(_MEMO_KEY, secret, hashlib.sha256).digest()


def _request_memo():
    """``{stored hash: digest of its password}`` of the current HTTP request,
    or None outside one."""
    if not request:
        return None
    try:
        environ = request.httprequest.environ
    except (AttributeError, RuntimeError):
        return None
    return environ.setdefault(ENVIRON_KEY, {})


def _memo_and_key(secret, hashed, extra):
    """The memo when the pair may use it (plain call, text arguments)."""
    if extra or not isinstance(secret, str | bytes) or not isinstance(hashed, str):
        return None
    return _request_memo()


def _known(memo, hashed, secret):
    """Whether this request already verified ``secret`` against ``hashed``."""
    known = memo and memo.get(hashed)
    return bool(known) and hmac.compare_digest(known, _digest(secret))


class RequestMemoCryptContext(CryptContext):
    """Odoo's crypt context (the very same passlib context) that does not
    compute twice, in one request, a verification it already made."""

    def __init__(self, context):  # pylint: disable=super-init-not-called
        # Odoo's wrapper, or passlib's context itself (Odoo's tests use one)
        self.__obj__ = getattr(context, "__obj__", context)

    @property
    def hash(self):
        real = super().hash

        def hash_(secret, *args, **kwargs):
            hashed = real(secret, *args, **kwargs)
            memo = _memo_and_key(secret, hashed, args or kwargs)
            if memo is not None:
                memo[hashed] = _digest(secret)
            return hashed

        return hash_

    @property
    def verify(self):
        real = super().verify

        def verify(secret, hashed, *args, **kwargs):
            memo = _memo_and_key(secret, hashed, args or kwargs)
            if _known(memo, hashed, secret):
                return True
            valid = real(secret, hashed, *args, **kwargs)
            if valid and memo is not None:
                memo[hashed] = _digest(secret)
            return valid

        return verify

    @property
    def verify_and_update(self):
        real = super().verify_and_update

        def verify_and_update(secret, hashed, *args, **kwargs):
            memo = _memo_and_key(secret, hashed, args or kwargs)
            if _known(memo, hashed, secret) and not self.__obj__.needs_update(hashed):
                return True, None
            valid, replacement = real(secret, hashed, *args, **kwargs)
            if valid and memo is not None:
                memo[hashed] = _digest(secret)
                if replacement:
                    memo[replacement] = memo[hashed]
            return valid, replacement

        return verify_and_update


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crypt_context(self):
        # Odoo's cached context, wrapped (the wrapper holds no state: the
        # memo is the request's)
        return RequestMemoCryptContext(super()._crypt_context())
