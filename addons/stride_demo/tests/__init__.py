from . import (
    test_demo_builder,
    test_demo_customer_insight,
    test_demo_loyalty,
    test_demo_pages,
    test_demo_payment_providers,
    test_demo_personalised_gifts,
    test_demo_shop,
    test_demo_webhooks,
    test_query_budgets,
    test_roles,
    test_website_texts,
)
