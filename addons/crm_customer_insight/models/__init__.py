from . import res_config_settings
from . import res_partner
from . import sale_order
from . import res_partner_roles
