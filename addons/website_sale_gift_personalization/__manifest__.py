{
    "name": "Gift Personalisation in the Web Shop",
    "summary": "Personalise a gift on the product page with a live preview and extra prices, see and edit it in "
    "the cart, checkout, confirmation mail and portal",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale", "sale_gift_personalization"],
    "data": [],
    "auto_install": True,
    "installable": True,
}
