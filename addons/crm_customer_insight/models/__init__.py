from . import res_config_settings, res_partner, res_partner_roles, sale_order
