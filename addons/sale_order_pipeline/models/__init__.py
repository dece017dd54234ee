from . import (
    rating_rating,
    res_config_settings,
    sale_order,
    sale_order_feedback,
    sale_order_stage_history,
    sale_order_transit_event,
    stock_picking,
)
