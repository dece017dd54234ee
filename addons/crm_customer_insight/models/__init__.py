from . import res_config_settings, res_partner, res_partner_profile, sale_order, sale_order_profile
