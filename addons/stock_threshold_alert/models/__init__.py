from . import (
    product_category,
    product_product,
    product_template,
    stock_move,
    stock_quant,
    stock_threshold_alert,
    stock_threshold_level,
    stock_warehouse_orderpoint,
)
