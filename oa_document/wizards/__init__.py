from . import oa_document_return_wizard
from . import oa_document_verify_wizard
from . import oa_supervision_wizard
from . import oa_document_opinion_wizard
