from . import test_dashboard_loyalty
