from . import oa_training_batch
from . import oa_training_session
from . import oa_training_enrolment
from . import oa_training_attendance
from . import oa_training_exam
from . import oa_training_rate
from . import res_users
from . import oa_training_demo
