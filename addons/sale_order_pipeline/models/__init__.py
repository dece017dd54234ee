from . import (
    res_config_settings,
    sale_order,
    sale_order_feedback,
    sale_order_stage_history,
    stock_picking,
)
