{
    "name": "Wire Transfer: VietQR Code",
    "summary": "Wire transfers in VND show a VietQR (EMV) code for the company's Vietnamese bank account",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # payment_custom: the wire transfer provider and its "Enable QR Codes"; l10n_vn: VietQR on account_qr_code_emv.
    "depends": ["payment_custom", "l10n_vn"],
    "data": [
        "views/payment_custom_templates.xml",
    ],
    "installable": True,
}
