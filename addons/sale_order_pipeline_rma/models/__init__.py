from . import account_move, sale_order, sale_order_stage_history
