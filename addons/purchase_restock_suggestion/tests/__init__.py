from . import test_restock_multi_company, test_restock_suggestion, test_restock_tour
