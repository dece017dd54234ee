from . import test_shop_cart
from . import test_shop_images
from . import test_shop_product_page
from . import test_tours
