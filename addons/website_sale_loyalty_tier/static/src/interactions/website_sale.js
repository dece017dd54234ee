import { patch } from "@web/core/utils/patch";
import { WebsiteSale } from "@website_sale/interactions/website_sale";

patch(WebsiteSale.prototype, {
    /**
     * The points a product earns follow the variant: the combination info of the chosen variant carries them,
     * rendered by the same template as the page (website_sale_loyalty_tier.product_loyalty_points_lines).
     *
     * @override
     */
    _onChangeCombination(ev, parent, combination) {
        super._onChangeCombination(...arguments);
        const wrap = parent.querySelector(".o_loyalty_tier_product_points_wrap");
        if (wrap && "loyalty_tier_points_html" in combination) {
            wrap.innerHTML = combination.loyalty_tier_points_html;
        }
    },
});
