from . import (
    crm_customer_segment,
    crm_customer_suggestion,
    res_config_settings,
    res_partner,
    res_partner_segments,
    sale_order,
)
