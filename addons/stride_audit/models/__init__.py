from . import auditlog_autovacuum, auditlog_rule, res_config_settings, throw_away_cache
