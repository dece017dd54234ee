from . import test_confirmation, test_signup_expiry, test_signup_flow
