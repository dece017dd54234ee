from . import sale_order, webhook_subscription
