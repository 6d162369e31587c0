from . import oa_assessment_run_wizard
from . import oa_assessment_adjust_wizard
from . import oa_assessment_export_wizard
