from . import hr_department
from . import res_users
from . import oa_proxy
from . import res_config_settings
