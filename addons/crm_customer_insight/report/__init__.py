from . import crm_customer_revenue_report
from . import crm_customer_activity_report
