from . import (
    test_customer_phone_tour,
    test_install,
    test_marketing_consent,
    test_privacy_erasure,
    test_privacy_export,
    test_privacy_log,
    test_timeline,
)
