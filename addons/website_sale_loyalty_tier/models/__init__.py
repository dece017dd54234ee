from . import loyalty_code_throttle, loyalty_program, sale_order, website
