from . import product_attribute_custom_value
from . import product_attribute_value
from . import product_template
from . import product_template_attribute_line
from . import sale_order
from . import sale_order_line
