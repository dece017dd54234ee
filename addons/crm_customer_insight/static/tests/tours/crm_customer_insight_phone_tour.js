import { registry } from "@web/core/registry";

// A salesperson on a phone opens a customer, reads the insight page, then the customer's timeline.
registry.category("web_tour.tours").add("crm_customer_insight_phone", {
    steps: () => [
        {
            content: "Open the Customer Insight page of the customer",
            trigger: ".o_form_view .o_notebook_headers a[name='customer_insight']",
            run: "click",
        },
        {
            content: "The page shows the marketing consent",
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name='insight_marketing_consent']",
        },
        {
            content: "On a phone the smart buttons sit behind one button",
            trigger: ".o_form_view .o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "Open the timeline",
            trigger: ".o-form-buttonbox-small button[name='action_insight_open_timeline']",
            run: "click",
        },
        {
            content: "The timeline shows the customer's activity as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains(Call about the engraving)",
        },
        {
            content: "and their delivery feedback",
            trigger: ".o_kanban_view .o_kanban_record:contains(Lovely wrapping)",
        },
    ],
});
