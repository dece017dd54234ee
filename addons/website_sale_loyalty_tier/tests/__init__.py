from . import (
    test_access,
    test_cart_points,
    test_code_throttle,
    test_code_throttle_race,
    test_loyalty_live,
    test_portal_page,
    test_tours,
)
