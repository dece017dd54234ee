from . import test_concurrency, test_earning, test_expiry, test_idempotency, test_reversal
