from . import product_template, shoe_search_synonym, website
