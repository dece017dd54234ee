import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

const PRODUCT = "Live Level Sneaker";
const ROW = `.o_list_view .o_data_row:contains('${PRODUCT}')`;

function callKw(model, method, args, kwargs = {}) {
    return rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs });
}

/** Counts the product at 12 in its warehouse, as a colleague would from another screen: a plain ORM call. */
async function countTwelve() {
    const [quant] = await callKw("stock.quant", "search_read", [
        [["product_id.name", "=", PRODUCT], ["location_id.usage", "=", "internal"], ["quantity", ">", 0]],
        ["id"],
    ]);
    const context = { inventory_mode: true };
    await callKw("stock.quant", "write", [[quant.id], { inventory_quantity: 12 }], { context });
    await callKw("stock.quant", "action_apply_inventory", [[quant.id]], { context });
}

registry.category("web_tour.tours").add("stock_threshold_level_tour", {
    steps: () => [
        {
            content: "Look for the watched product among whatever else the warehouse holds",
            trigger: ".o_searchview_input",
            run: `edit ${PRODUCT}`,
        },
        {
            content: "Search it by product",
            trigger: ".o_searchview_autocomplete .o-dropdown-item.focus",
            run: "click",
        },
        {
            content: "The list shows its free quantity",
            trigger: `${ROW} td[name=qty_free]:contains('3')`,
        },
        {
            content: "It is flagged below its threshold; mark the page, then the stock changes elsewhere",
            trigger: `${ROW} td[name=level_state]:contains('Below threshold')`,
            run: async () => {
                // A page reload would drop this mark: the last step proves the row changed in place.
                document.body.dataset.stockLevelWatch = "1";
                await countTwelve();
            },
        },
        {
            content: "The row shows the new free quantity without any reload",
            trigger: `body[data-stock-level-watch] ${ROW} td[name=qty_free]:contains('12')`,
        },
        {
            content: "and is back to OK",
            trigger: `body[data-stock-level-watch] ${ROW} td[name=level_state]:contains('OK')`,
        },
    ],
});
