from . import ir_http, res_config_settings, res_users
