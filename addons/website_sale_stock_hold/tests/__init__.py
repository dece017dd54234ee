from . import test_cart_queries, test_checkout_race, test_payment_route, test_stock_hold
