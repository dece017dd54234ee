{
    "name": "Returns from the Portal: Window, Checks and Photos",
    "summary": "Customers ask for returns of delivered items within N days, with a reason and photos; strict checks",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # OCA's returns with sales (rma, rma_sale) do the work: the request form, the RMA, its receipt and refund.
    "depends": ["rma_sale"],
    "data": [
        "views/res_config_settings_views.xml",
        "views/sale_portal_templates.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
