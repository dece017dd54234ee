from . import test_rate_limit, test_rate_limit_transactions, test_rate_limit_window
