from . import test_theory_flow
from . import test_access_rights
