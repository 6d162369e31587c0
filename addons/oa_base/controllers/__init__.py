from . import main
from . import signup
from . import upload
