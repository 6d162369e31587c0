from . import test_assessment_rules
from . import test_assessment_flow
from . import test_assessment_access
from . import test_assessment_reports
