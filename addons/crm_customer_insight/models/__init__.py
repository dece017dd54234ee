from . import (
    account_move_metrics,
    res_config_settings,
    res_config_settings_metrics,
    res_currency,
    res_partner,
    res_partner_metrics,
    sale_order,
    sale_order_metrics,
)
