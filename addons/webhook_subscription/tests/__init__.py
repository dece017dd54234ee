from . import (
    test_webhook_access,
    test_webhook_delivery,
    test_webhook_events,
    test_webhook_order_budget,
    test_webhook_subscription,
)
