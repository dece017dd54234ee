from . import (
    account_move,
    loyalty_campaign,
    loyalty_card,
    loyalty_generate_wizard,
    loyalty_history,
    loyalty_program,
    loyalty_rule,
    loyalty_tier,
    loyalty_tier_history,
    payment_transaction,
    res_partner,
    sale_order,
)
