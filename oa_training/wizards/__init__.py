from . import oa_training_enrol_wizard
from . import oa_training_exam_wizard
from . import oa_training_import_wizard
