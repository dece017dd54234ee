from . import test_alert_access, test_alert_concurrency, test_alert_flow, test_alert_queries, test_stock_level_tour
