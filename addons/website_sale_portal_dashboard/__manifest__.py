{
    "name": "Customer Dashboard in the Portal",
    "summary": "The portal home shows the customer's recent orders with their fulfilment stage, the latest news on "
    "their documents and products to look at again or buy together; the account page takes a profile picture",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # website_sale: recently viewed products, accessories and the orders; sale_order_pipeline: each order's stage.
    "depends": ["website_sale", "sale_order_pipeline"],
    "data": [
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "website_sale_portal_dashboard/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
