from . import test_access, test_concurrency, test_earning, test_expiry, test_idempotency, test_reversal
