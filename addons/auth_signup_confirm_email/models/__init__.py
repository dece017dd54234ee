from . import auth_signup_confirmation, res_users
