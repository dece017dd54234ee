{
    "name": "Gift Personalisation on Sales Orders",
    "summary": "Personalised gifts on Odoo's product attributes: text, image and option fields with rules and "
    "extra prices, a server-rendered proof on the order line, a production sheet, and no confirmation "
    "while a required field is missing",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["sale_stock"],
    "external_dependencies": {"python": ["pillow"]},
    "data": [
        "security/ir.model.access.csv",
        "security/sale_gift_personalization_security.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/mail_notification_layout.xml",
        "wizard/sale_personalization_sheet_wizard_views.xml",
        "report/personalization_sheet_report.xml",
        "views/sale_gift_personalization_menus.xml",
    ],
    "installable": True,
}
