from . import (
    purchase_order,
    purchase_restock_suggestion,
    purchase_restock_suggestion_line,
    res_company,
    res_config_settings,
    res_partner,
)
