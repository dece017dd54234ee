from . import (
    product_attribute,
    product_attribute_value,
    product_template,
    shoe_brand,
    shoe_cached_mixin,
    shoe_size_chart,
    shoe_size_chart_line,
)
