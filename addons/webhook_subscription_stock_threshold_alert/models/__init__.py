from . import stock_threshold_alert, webhook_subscription
