from . import test_shop_cart, test_shop_images, test_shop_product_page, test_tours
