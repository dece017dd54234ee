from . import crm_customer_suggestion, crm_customer_timeline_event, res_partner
