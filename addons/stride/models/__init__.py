from . import stride_demo_shop
