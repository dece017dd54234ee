{
    "name": "Customer Insight with Loyalty Tiers",
    "summary": "Loyalty events in the customer timeline and export, and 'close to the next tier' sales suggestions",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["crm_customer_insight", "loyalty_tier"],
    "data": [],
    "installable": True,
    "auto_install": True,
}
