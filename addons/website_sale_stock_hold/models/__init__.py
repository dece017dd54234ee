from . import payment_transaction, res_config_settings, sale_order, sale_order_line, website
