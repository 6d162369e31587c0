from . import test_theory_flow
from . import test_access_rights
from . import test_demo_data
from . import test_survey_pages
from . import test_flow_guard
