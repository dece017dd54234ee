from . import test_customer_cases, test_customer_cases_phone_tour
