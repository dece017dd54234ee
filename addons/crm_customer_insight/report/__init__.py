from . import crm_customer_suggestion_report
