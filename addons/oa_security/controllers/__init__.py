from . import rpc
from . import session
from . import totp
