from . import test_columns
from . import test_articles
from . import test_read_receipts
from . import test_workbench
from . import test_ui
from . import test_freshness
from . import test_versions
from . import test_knowledge_search
