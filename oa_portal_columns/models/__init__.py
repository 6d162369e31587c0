from . import oa_column
from . import oa_article_tag
from . import oa_article
from . import oa_article_read
from . import hr_department
from . import res_users
from . import oa_workbench
from . import ir_module_module
