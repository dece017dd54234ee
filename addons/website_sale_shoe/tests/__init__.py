from . import test_extensions, test_search, test_shop_pages, test_shop_phone, test_translations
