from . import res_config_settings, sale_order, sale_order_product_review
