import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("website_sale_shoe_size_stock", {
    steps: () => [
        {
            content: "A size with a few left says how many, once Odoo's combination info arrived",
            trigger: ".o_wsale_shoe_size.o_wsale_shoe_size_few_left .o_wsale_shoe_size_stock.text-warning:contains(Only 3 left)",
        },
        {
            content: "A size in stock says so",
            trigger: ".o_wsale_shoe_size.o_wsale_shoe_size_in_stock .o_wsale_shoe_size_stock.text-success",
        },
        {
            content: "A size out of stock says so",
            trigger: ".o_wsale_shoe_size.o_wsale_shoe_size_out_of_stock .o_wsale_shoe_size_stock.text-danger",
        },
    ],
});
