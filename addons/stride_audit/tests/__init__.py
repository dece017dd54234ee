from . import (
    test_audit_access,
    test_audit_http,
    test_audit_rules,
    test_audited_models,
    test_retention,
    test_throw_away_cache,
)
