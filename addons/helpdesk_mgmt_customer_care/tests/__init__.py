from . import test_care_flow, test_care_portal, test_case_assignment, test_case_mail
