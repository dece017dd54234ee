from . import sale_order, sale_order_product_review
