from . import throw_away_cache
from . import auditlog_rule
from . import auditlog_autovacuum
from . import res_config_settings
