from . import (
    loyalty_campaign,
    loyalty_card,
    loyalty_generate_wizard,
    loyalty_history,
    loyalty_program,
    loyalty_tier,
    loyalty_tier_history,
    sale_order,
    sale_order_coupon,
)
