from . import (
    account_move,
    res_config_settings,
    res_currency,
    res_partner,
    sale_order,
)
