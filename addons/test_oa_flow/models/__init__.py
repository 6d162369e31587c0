from . import test_oa_flow_request
