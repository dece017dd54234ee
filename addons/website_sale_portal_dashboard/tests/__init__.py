from . import test_dashboard, test_profile_picture
