{
    "name": "Customer Insight on the Shop",
    "summary": "A blocked customer sees a clear message at checkout and cannot pay or create a payment transaction",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale", "crm_customer_insight"],
    "data": [],
    "installable": True,
    "auto_install": True,
}
