from . import res_company, res_config_settings, sale_order
