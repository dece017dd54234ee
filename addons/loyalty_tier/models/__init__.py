from . import (
    account_move,
    loyalty_card,
    loyalty_history,
    loyalty_program,
    loyalty_tier,
    loyalty_tier_history,
    payment_transaction,
    res_partner,
    sale_order,
    sale_order_perks,
)
