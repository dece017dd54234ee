from . import (
    test_personalization_access,
    test_personalization_config,
    test_personalization_http,
    test_personalization_mail,
    test_personalization_proof,
    test_personalization_values,
    test_production_sheet,
)
