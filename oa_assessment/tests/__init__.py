from . import test_rollout_plan
from . import test_usage_access
from . import test_usage_metrics
from . import test_visit_tracking
from . import test_usage_views
