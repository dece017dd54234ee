{
    "name": "Loyalty Tiers on the Website",
    "summary": "Customers see their tier, progress, points, expiry and rewards in the portal, and the points an order "
    "will earn in the cart and on product pages; the shop's code field resists guessing",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale_loyalty", "loyalty_tier"],
    "data": [
        "security/ir.model.access.csv",
        "views/portal_templates.xml",
        "views/website_sale_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "website_sale_loyalty_tier/static/src/**/*",
        ],
        "web.assets_tests": [
            "website_sale_loyalty_tier/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "auto_install": True,
}
