{
    "name": "Loyalty Tiers, Earning and Expiry",
    "summary": "Points from purchase value and frequency in one reporting currency, expiry with reminders, "
    "tiers with perks, and coupon campaigns for loyal customers, on Odoo's own loyalty programs",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["sale_loyalty", "sale_loyalty_delivery"],
    "data": [
        "security/ir.model.access.csv",
        "security/loyalty_tier_security.xml",
        "data/ir_cron_data.xml",
        "data/loyalty_tier_cron_data.xml",
        "data/mail_template_data.xml",
        "views/loyalty_program_views.xml",
        "views/loyalty_history_views.xml",
        "views/loyalty_tier_views.xml",
        "views/loyalty_card_views.xml",
        "views/res_partner_views.xml",
    ],
    "installable": True,
}
