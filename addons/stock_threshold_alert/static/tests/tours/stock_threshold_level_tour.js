import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("stock_threshold_level_tour", {
    steps: () => [
        {
            content: "The stock level list shows the watched product with its free quantity",
            trigger: ".o_list_view .o_data_row:contains('Tour Sneaker') td[name=qty_free]:contains('3')",
        },
        {
            content: "It is flagged below its threshold",
            trigger: ".o_list_view .o_data_row:contains('Tour Sneaker') td[name=level_state]:contains('Below threshold')",
        },
    ],
});
