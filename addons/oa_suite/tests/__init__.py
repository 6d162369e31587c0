from . import test_suite
from . import test_training_blocks_flow
from . import test_flow_attacks
from . import test_demo_time_off
from . import test_workbench_todos
from . import test_menus_by_role
