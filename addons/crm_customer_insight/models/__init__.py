from . import (
    crm_customer_privacy_log,
    crm_customer_timeline_event,
    res_config_settings,
    res_partner,
    res_partner_privacy,
    sale_order,
)
