from . import (
    product_attribute_custom_value,
    product_attribute_value,
    product_template,
    product_template_attribute_line,
    sale_order,
    sale_order_line,
    stock_move,
)
