# segments: the next-tier suggestion (one file); privacy: loyalty events in the timeline and the export (own files).
from . import crm_customer_timeline_event, res_partner
