{
    "name": "Customer Insight: Care Cases",
    "summary": "A customer's care cases on their Customer Insight page: open cases, previous cases, assign in one step",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["crm_customer_insight", "helpdesk_mgmt_customer_care"],
    "data": ["views/res_partner_views.xml"],
    "assets": {
        "web.assets_tests": ["crm_customer_insight_helpdesk/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
