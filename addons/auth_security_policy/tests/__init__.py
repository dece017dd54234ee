from . import test_login_lock, test_password_policy, test_session_timeout
