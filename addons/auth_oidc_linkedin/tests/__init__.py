from . import test_provider_data, test_social_login
