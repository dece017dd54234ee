from . import test_momo_payment_flow, test_momo_provider, test_momo_refund, test_momo_routes, test_momo_status_query
