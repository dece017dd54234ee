from . import loyalty_campaign_report, loyalty_member_report
