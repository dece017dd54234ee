{
    "name": "Webhooks: Order Pipeline",
    "summary": "The order.status_changed webhook event at every fulfilment stage change",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["webhook_subscription", "sale_order_pipeline"],
    "auto_install": True,
    "installable": True,
}
