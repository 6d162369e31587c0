from . import test_unit_setup
from . import test_access_rights
from . import test_oa_proxy
from . import test_first_login
from . import test_demo_data
from . import test_ui
from . import test_security
from . import test_pdf_text
