from . import test_loyalty_privacy
