from . import auth_oauth_provider, res_users
