{
    "name": "Shop: VietQR Code on the Order Confirmation",
    "summary": "The shop's order confirmation shows the VietQR code of a wire transfer in VND",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    "depends": ["website_sale", "payment_custom_vietqr"],
    "data": [
        "views/website_sale_templates.xml",
    ],
    "installable": True,
}
