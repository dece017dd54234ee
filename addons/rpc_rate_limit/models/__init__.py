from . import ir_http, res_users, rpc_rate_limit_window
