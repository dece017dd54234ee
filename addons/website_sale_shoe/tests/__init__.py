from . import test_search, test_shop_pages
