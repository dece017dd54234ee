from . import product_template, shoe_search_synonym, shoe_search_word, website
