import { registry } from "@web/core/registry";

// A warehouse user on a phone: one tap moves the order on, then the tracking number ships it.
registry.category("web_tour.tours").add("sale_order_pipeline_kanban_phone", {
    steps: () => [
        {
            content: "Move the order to Packaging with one tap",
            trigger: ".o_pipeline_kanban .o_kanban_record:contains(Tour Customer) button[name='action_pipeline_advance']",
            run: "click",
        },
        {
            content: "The card now offers shipping",
            trigger: ".o_pipeline_kanban .o_kanban_record:contains(Tour Customer) button[name='action_pipeline_open_ship_wizard']",
            run: "click",
        },
        {
            content: "Enter the tracking number",
            trigger: ".modal .o_field_widget[name='tracking_ref'] input",
            run: "edit TOUR-123",
        },
        {
            content: "Ship",
            trigger: ".modal button[name='action_ship']",
            run: "click",
        },
        {
            // The dialog lives outside the kanban: wait until it closed and the saved card shows the tracking number,
            // so that the tour never ends before the wizard's save reached the server.
            content: "Back on the kanban, the card shows its tracking number",
            trigger: "body:not(:has(.modal)) .o_pipeline_kanban .o_kanban_record:contains(Tour Customer):contains(TOUR-123)",
        },
    ],
});
