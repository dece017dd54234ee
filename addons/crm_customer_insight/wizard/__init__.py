from . import crm_customer_privacy_wizard
