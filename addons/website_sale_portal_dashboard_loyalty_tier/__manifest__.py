{
    "name": "Customer Dashboard: Loyalty Tier",
    "summary": "The customer's loyalty tier, points and progress to the next tier as a card on the portal dashboard",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale_portal_dashboard", "website_sale_loyalty_tier"],
    "data": [
        "views/portal_templates.xml",
    ],
    "installable": True,
    "auto_install": True,
}
