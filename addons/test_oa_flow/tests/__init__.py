from . import test_example_flow
