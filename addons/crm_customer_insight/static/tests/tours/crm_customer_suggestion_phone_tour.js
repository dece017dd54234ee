import { registry } from "@web/core/registry";

// An agent on a phone works the sales suggestions: reads why a customer is suggested and what to propose, turns one
// suggestion into an opportunity with one click, comes back and dismisses another.
registry.category("web_tour.tours").add("crm_customer_suggestion_phone", {
    steps: () => [
        {
            content: "The suggestions open as cards; Dora's says why she is suggested",
            trigger: ".o_kanban_view .o_kanban_record:contains(Dora Due):contains(Usually orders every 30 days)",
        },
        {
            content: "and which products to propose",
            trigger: ".o_kanban_record:contains(Dora Due) .o_field_many2many_tags:contains(Wool Socks):contains(Trail Boots)",
        },
        {
            content: "Carl's card gives his own reason",
            trigger: ".o_kanban_record:contains(Carl Calm):contains(Usually orders every 40 days)",
        },
        {
            content: "One click turns Dora's suggestion into an opportunity",
            trigger: ".o_kanban_record:contains(Dora Due) button[name='action_create_opportunity']",
            run: "click",
        },
        {
            content: "The opportunity opens with the reason and the products",
            trigger: ".o_form_view .o_field_widget[name='description']:contains(Usually orders every 30 days):contains(Wool Socks)",
        },
        {
            content: "Back to the suggestions",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "Dora's suggestion is done and left the list",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Dora Due))) .o_kanban_record:contains(Carl Calm)",
        },
        {
            content: "Dismiss Carl's suggestion",
            trigger: ".o_kanban_record:contains(Carl Calm) button[name='action_dismiss']",
            run: "click",
        },
        {
            content: "Carl's suggestion is dismissed and left the list too",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Carl Calm)))",
        },
    ],
});
