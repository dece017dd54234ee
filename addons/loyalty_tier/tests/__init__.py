from . import test_tier_evaluation, test_tier_perks, test_tier_security
