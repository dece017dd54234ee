from . import res_partner, res_users, sale_order, webhook_delivery, webhook_subscription
