from . import test_blocked_checkout, test_guest_checkout
