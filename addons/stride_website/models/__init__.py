from . import ir_module_module, ir_ui_view, product_public_category, res_company
