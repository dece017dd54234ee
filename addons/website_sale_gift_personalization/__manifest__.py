{
    "name": "Gift Personalisation in the Web Shop",
    "summary": "Personalise a gift on the product page with a live preview and extra prices, see and edit it in "
    "the cart, checkout, confirmation mail and portal",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale", "sale_gift_personalization"],
    "data": [
        "views/website_sale_templates.xml",
        "views/sale_portal_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "website_sale_gift_personalization/static/src/interactions/personalization.js",
            "website_sale_gift_personalization/static/src/scss/personalization.scss",
        ],
        "web.assets_tests": [
            "website_sale_gift_personalization/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
