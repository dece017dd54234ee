from . import (
    account_move,
    res_config_settings,
    res_currency,
    res_partner,
    res_partner_profile,
    sale_order,
    sale_order_profile,
)
