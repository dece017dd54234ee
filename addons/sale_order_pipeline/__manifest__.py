{
    "name": "Sales Order Pipeline",
    "summary": "Fulfilment stages with customer and team notifications, portal timeline, tracking and feedback",
    "version": "19.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # Backend and portal only: the shop's checkout guard lives in website_sale_order_pipeline.
    "depends": ["sale_stock", "stock_delivery", "portal", "rating"],
    "data": [
        "security/sale_order_pipeline_security.xml",
        "security/ir.model.access.csv",
        "data/mail_message_subtype_data.xml",
        "data/mail_template_data.xml",
        "views/sale_order_views.xml",
        "views/sale_order_kanban_views.xml",
        "views/sale_order_feedback_views.xml",
        "views/res_config_settings_views.xml",
        "views/sale_order_pipeline_menus.xml",
        "views/sale_portal_templates.xml",
        "wizard/sale_order_pipeline_ship_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "assets": {
        "web.assets_backend": ["sale_order_pipeline/static/src/scss/pipeline_kanban.scss"],
        "web.assets_tests": ["sale_order_pipeline/static/tests/tours/*.js"],
    },
}
