from . import oa_manuscript_return_wizard
