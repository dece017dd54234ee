from . import sale_order, stride_demo_shop
