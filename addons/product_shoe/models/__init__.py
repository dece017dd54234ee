# The mixin first: the brand and size chart models inherit it.
from . import shoe_cached_mixin  # noqa: I001
from . import (
    product_attribute,
    product_attribute_value,
    product_template,
    shoe_brand,
    shoe_size_chart,
    shoe_size_chart_line,
)
