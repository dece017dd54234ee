from . import test_home_page, test_seo
