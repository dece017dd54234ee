from . import test_confirmation, test_signup_flow
