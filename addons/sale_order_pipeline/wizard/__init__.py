from . import sale_order_pipeline_ship
