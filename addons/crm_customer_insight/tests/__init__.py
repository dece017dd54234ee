from . import test_install
from . import test_customer_reports
from . import test_customer_roles
from . import test_customer_roles_http
