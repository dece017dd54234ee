{
    "name": "Stride Demo Shop",
    "summary": "The Stride demo shop: shoes and gifts, customers, 18 months of orders, demo logins, built on install",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": [
        "stride",
        "loyalty_tier",
        "sale_gift_personalization",
        "crm_customer_insight",
        "website_sale_customer_insight",
        "webhook_subscription_sale_order_pipeline",
        "webhook_subscription_stock_threshold_alert",
    ],
    "data": [
        "data/payment_provider_data.xml",
        "views/website_home_templates.xml",
        "data/stride_demo_data.xml",
    ],
    "installable": True,
}
