from . import test_registration
