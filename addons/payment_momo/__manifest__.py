{
    "name": "Payment Provider: MoMo",
    "summary": "MoMo e-wallet payments in VND (captureWallet redirect flow, signed IPN, status query, refunds)",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["payment"],
    "data": [
        "views/payment_momo_templates.xml",
        "views/payment_provider_views.xml",
        "data/payment_provider_data.xml",  # after the templates: it points at the redirect form
        "data/ir_cron_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
