from . import test_product_reviews, test_review_access, test_shop_confirmation_mail
