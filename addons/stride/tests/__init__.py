from . import test_demo_shop, test_external_api, test_roles
