from . import (
    test_access,
    test_concurrency,
    test_earning,
    test_expiry,
    test_idempotency,
    test_reversal,
    test_tier_evaluation,
    test_tier_perks,
    test_tier_security,
    test_tier_spend,
)
