from . import (
    test_access_matrix,
    test_company_setup,
    test_external_api,
    test_guest_checkout,
    test_hostile_routes,
    test_payment_routing,
    test_shop,
    test_stripe_webhook,
)
