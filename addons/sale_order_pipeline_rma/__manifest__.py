{
    "name": "Sales Order Pipeline: Returns (RMA)",
    "summary": "Orders show Returned when an RMA's items are received and Refunded when its credit note is posted",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # Glue between the fulfilment pipeline and OCA's returns with sales (rma_sale): installed with both.
    "depends": ["sale_order_pipeline", "rma_sale"],
    "data": [
        "data/mail_template_data.xml",
        "views/sale_order_views.xml",
        "views/sale_portal_templates.xml",
    ],
    "auto_install": True,
    "installable": True,
}
