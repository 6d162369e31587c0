from . import test_training_flow
from . import test_retrain
from . import test_status_and_rates
from . import test_access_rights
from . import test_import_and_certificate
from . import test_ui
from . import test_flow_block
from . import test_flow_guard
