from . import hr_department
from . import res_groups
from . import res_users
from . import oa_proxy
from . import res_config_settings
from . import ir_http
