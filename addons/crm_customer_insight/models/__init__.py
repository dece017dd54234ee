from . import (
    account_move,
    crm_customer_segment,
    crm_customer_suggestion,
    res_config_settings,
    res_currency,
    res_partner,
    res_partner_profile,
    res_partner_roles,
    res_partner_segments,
    sale_order,
    sale_order_profile,
)
