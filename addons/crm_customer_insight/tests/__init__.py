from . import test_customer_reports, test_customer_roles, test_customer_roles_http, test_install
