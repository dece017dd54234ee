from . import (
    auditlog_autovacuum,
    auditlog_http_request,
    auditlog_http_session,
    auditlog_rule,
    res_config_settings,
    throw_away_cache,
)
