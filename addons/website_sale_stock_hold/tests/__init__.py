from . import test_checkout_race
