from . import test_restock_suggestion, test_restock_tour
