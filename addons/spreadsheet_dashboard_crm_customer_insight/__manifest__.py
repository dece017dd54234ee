{
    "name": "Customer Insight Dashboard",
    "summary": "A Customer Insight spreadsheet dashboard: customer growth by country, revenue by country in the "
    "reporting currency, top customers, segments, activity per salesperson and churn risk",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["spreadsheet_dashboard", "crm_customer_insight"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": [
            "spreadsheet_dashboard_crm_customer_insight/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
