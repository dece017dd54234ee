from . import res_company, res_config_settings, rma, sale_order
