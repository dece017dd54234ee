{
    "name": "Stock Held While Paying",
    "summary": "No overselling of the last units at checkout: a short, bounded hold on a cart's stock while it is paid",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale_stock"],
    "data": [
        "views/res_config_settings_views.xml",
        "views/sale_order_views.xml",
    ],
    "installable": True,
}
