from . import test_customer_segment, test_customer_suggestion, test_install, test_segment_refresh
