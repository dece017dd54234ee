from . import test_product_reviews
