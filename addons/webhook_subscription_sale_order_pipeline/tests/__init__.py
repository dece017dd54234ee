from . import test_order_status_changed
