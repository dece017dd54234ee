from . import loyalty_code_throttle, loyalty_program, product_template, sale_order, website
