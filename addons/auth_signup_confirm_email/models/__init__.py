from . import auth_signup_confirmation, mail_template, res_users
