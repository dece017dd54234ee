{
    "name": "Shoe Catalogue and Size Systems",
    "summary": "Shoe facts, brands, size systems and charts, size runs with readable SKUs",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "depends": ["sale"],
    "data": [
        "security/ir.model.access.csv",
        "data/shoe_size_chart_data.xml",
        "views/shoe_brand_views.xml",
        "views/shoe_size_chart_views.xml",
        "views/product_attribute_views.xml",
        "views/product_template_views.xml",
        "wizard/shoe_size_run_wizard_views.xml",
        "views/product_shoe_menus.xml",
    ],
    "demo": [
        "demo/shoe_brand_demo.xml",
    ],
    "installable": True,
}
