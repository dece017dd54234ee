from . import test_loyalty_campaign, test_loyalty_reports, test_personal_coupon
