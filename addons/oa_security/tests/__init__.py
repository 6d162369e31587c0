from . import test_lockout
from . import test_separation
from . import test_audit_log
from . import test_session_timeout
from . import test_totp
from . import test_audit_actions
from . import test_login_hashing
