import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("purchase_restock_suggestion_tour", {
    steps: () => [
        {
            content: "Start a new restock suggestion",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Compute it",
            trigger: ".o_form_view button[name=action_compute]",
            run: "click",
        },
        {
            content: "The watched boot is proposed from its vendor",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour Boot'):contains('Tour Vendor')",
        },
        {
            content: "Create the draft purchase orders",
            trigger: ".o_form_view button[name=action_create_purchase_orders]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The draft order of the vendor is listed",
            trigger: ".o_list_view .o_data_row:contains('Tour Vendor')",
        },
    ],
});
