from . import loyalty_card, loyalty_history, loyalty_program, loyalty_tier, loyalty_tier_history, sale_order
