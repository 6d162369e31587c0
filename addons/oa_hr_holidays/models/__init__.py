from . import oa_proxy
from . import hr_leave
from . import res_users
