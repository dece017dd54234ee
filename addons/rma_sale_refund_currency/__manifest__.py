{
    "name": "Returns (RMA) with Sales: Refunds in the Order's Currency",
    "summary": "A return's credit note is made in the currency of the order it refunds, one credit note per currency",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # A fix to OCA's rma_sale, installed with it: its credit notes are made in the company's currency whatever the
    # currency of the order (an order in VND refunded as the same figure in USD).
    "depends": ["rma_sale"],
    "auto_install": True,
    "installable": True,
}
