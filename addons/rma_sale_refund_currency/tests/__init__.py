from . import test_refund_currency
