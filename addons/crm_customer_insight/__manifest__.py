{
    "name": "Customer Insight (cross-border CRM)",
    "summary": "Customer 360 for a cross-border shop: status, lifetime metrics in one reporting currency, RFM "
    "segments, churn risk, sales suggestions, fast customer search, six reports, four roles, export and erasure",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["sale_crm", "sale_order_pipeline", "mass_mailing", "privacy_lookup"],
    "data": [
        "security/crm_customer_insight_security.xml",
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/crm_customer_insight_menus.xml",
        "security/crm_customer_privacy_security.xml",
        "views/res_partner_privacy_views.xml",
        "views/crm_customer_timeline_event_views.xml",
        "views/crm_customer_privacy_log_views.xml",
        "wizard/crm_customer_privacy_wizard_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_customer_insight/static/tests/tours/*.js"],
    },
    "installable": True,
}
