from . import test_portal_queries, test_product_reviews, test_review_access, test_shop_confirmation_mail
