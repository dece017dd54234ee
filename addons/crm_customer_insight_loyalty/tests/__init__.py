from . import test_loyalty_privacy, test_loyalty_tier_suggestion
