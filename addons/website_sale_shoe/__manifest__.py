{
    "name": "Shoe Shop: Sizes, Filters and Fast Search",
    "summary": "Size selector in the visitor's system with stock per size, shoe filters, size guide, "
    "fast accent-insensitive and typo-tolerant product search",
    "version": "19.0.1.1.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "depends": ["product_shoe", "website_sale", "website_sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "data/shoe_search_synonym_data.xml",
        "views/shoe_search_synonym_views.xml",
        "views/website_sale_shoe_templates.xml",
        "views/website_sale_shoe_menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "website_sale_shoe/static/src/scss/website_sale_shoe.scss",
            "website_sale_shoe/static/src/interactions/website_sale_shoe.js",
        ],
        "web.assets_tests": ["website_sale_shoe/static/tests/tours/**/*"],
    },
    "pre_init_hook": "pre_init_hook",
    "installable": True,
}
