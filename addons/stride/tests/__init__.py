from . import test_company_setup, test_demo_pages, test_demo_shop, test_external_api, test_roles, test_shop
