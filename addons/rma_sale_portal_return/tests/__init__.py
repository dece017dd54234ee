from . import test_return_flow, test_return_portal, test_return_portal_access
