from . import oa_training_batch
from . import oa_training_enrolment
from . import survey_user_input
