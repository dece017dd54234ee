from . import test_dashboard, test_dashboard_phone, test_profile_picture
