{
    "name": "Sales Order Pipeline in the Shop",
    "summary": "Product reviews from the delivery feedback, shown on the product page",
    "version": "19.0.1.1.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["sale_order_pipeline", "website_sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/website_sale_order_pipeline_security.xml",
        "data/website_sale_order_pipeline_data.xml",
        "views/sale_order_views.xml",
        "views/sale_portal_templates.xml",
    ],
}
