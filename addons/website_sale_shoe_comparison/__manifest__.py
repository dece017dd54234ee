{
    "name": "Shoe Shop: Sizes in the Specifications",
    "summary": "The product page's specifications table reads sizes in the visitor's size system, like the size picker",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "depends": ["website_sale_shoe", "website_sale_comparison"],
    "data": ["views/website_sale_shoe_comparison_templates.xml"],
    "auto_install": True,
    "installable": True,
}
