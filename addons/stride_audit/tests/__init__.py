from . import test_audited_models
from . import test_audit_access
from . import test_audit_rules
from . import test_retention
from . import test_throw_away_cache
