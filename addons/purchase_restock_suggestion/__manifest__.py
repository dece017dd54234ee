{
    "name": "Purchase Restock Suggestions",
    "summary": "What to buy, from whom and for how much: velocity, safety stock, vendor rounding, budget cap, "
    "draft purchase orders and a vendor scorecard",
    "version": "19.0.1.0.0",
    "category": "Inventory/Purchase",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "license": "LGPL-3",
    "depends": ["purchase_stock", "stock_threshold_alert"],
    "data": [
        "security/ir.model.access.csv",
        "security/purchase_restock_suggestion_security.xml",
        "views/purchase_restock_suggestion_views.xml",
        "views/purchase_restock_suggestion_line_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/purchase_order_views.xml",
        "views/purchase_restock_suggestion_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["purchase_restock_suggestion/static/tests/tours/**/*"],
    },
    "installable": True,
}
