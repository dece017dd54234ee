from . import controllers, models
from .hooks import pre_init_hook
