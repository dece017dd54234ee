from . import purchase_order, purchase_restock_suggestion, purchase_restock_suggestion_line, res_partner
