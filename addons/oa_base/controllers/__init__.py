from . import main
from . import signup
