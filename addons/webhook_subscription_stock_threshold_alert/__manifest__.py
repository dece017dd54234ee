{
    "name": "Webhooks: Stock Threshold Alerts",
    "summary": "The stock.threshold_crossed webhook event when a product falls below its alert threshold",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["webhook_subscription", "stock_threshold_alert"],
    "auto_install": True,
    "installable": True,
}
