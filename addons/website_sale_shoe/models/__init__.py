from . import ir_module_module, product_template, shoe_search_synonym, shoe_search_word, website
