from . import test_required_groups, test_totp_login
