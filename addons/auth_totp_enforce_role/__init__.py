from . import controllers, models
from .hooks import _require_totp_for_default_groups
