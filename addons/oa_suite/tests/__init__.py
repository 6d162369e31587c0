from . import test_suite
from . import test_training_blocks_flow
