from . import (
    test_customer_email,
    test_customer_profile,
    test_customer_search,
    test_customer_segment,
    test_customer_status,
    test_customer_suggestion,
    test_install,
    test_metrics_batch,
    test_metrics_currency,
    test_metrics_flow,
    test_segment_refresh,
)
