{
    "name": "Webhooks for Integrators",
    "summary": "Signed outbound events for customers and orders, queued, retried with backoff and logged",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # Deliveries go through Odoo's own crons (batch commits, triggers): no queue_job and no extra worker process.
    "depends": ["sale", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/webhook_subscription_views.xml",
        "views/webhook_delivery_views.xml",
        "views/webhook_subscription_menus.xml",
    ],
    "installable": True,
}
