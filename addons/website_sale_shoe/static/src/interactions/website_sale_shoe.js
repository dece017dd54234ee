import { patch } from "@web/core/utils/patch";
import { WebsiteSale } from "@website_sale/interactions/website_sale";

const STATE_CLASSES = {
    in_stock: "text-success",
    few_left: "text-warning",
    out_of_stock: "text-danger",
};

patch(WebsiteSale.prototype, {
    /**
     * Shows the stock of every size of a shoe, which the server adds to Odoo's combination info (one batch for all
     * sizes), so that the page itself is rendered without reading stock.
     * @override
     */
    _onChangeCombination(ev, parent, combination) {
        super._onChangeCombination(...arguments);
        const sizeStock = combination.shoe_size_stock;
        if (!sizeStock) {
            return;
        }
        for (const sizeEl of this.el.querySelectorAll(".o_wsale_shoe_sizes .o_wsale_shoe_size[data-variant-id]")) {
            const stock = sizeStock[sizeEl.dataset.variantId];
            if (!stock) {
                continue;
            }
            for (const state of Object.keys(STATE_CLASSES)) {
                sizeEl.classList.toggle(`o_wsale_shoe_size_${state}`, state === stock.state);
            }
            const noteEl = sizeEl.querySelector(".o_wsale_shoe_size_stock");
            noteEl.className = `o_wsale_shoe_size_stock d-block ${STATE_CLASSES[stock.state] || ""}`;
            noteEl.textContent = stock.note;
        }
    },
});
