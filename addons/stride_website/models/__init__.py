from . import ir_module_module, product_public_category, res_company
