{
    "name": "Loyalty Dashboard",
    "summary": "A Loyalty spreadsheet dashboard: members per tier, points liability, redemption rate, tier moves per "
    "month and campaign results, from loyalty_tier's reports",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["spreadsheet_dashboard", "loyalty_tier"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": [
            "spreadsheet_dashboard_loyalty_tier/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
