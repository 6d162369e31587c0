from . import test_leave_proxy_states
from . import test_access_rights
from . import test_demo_data
