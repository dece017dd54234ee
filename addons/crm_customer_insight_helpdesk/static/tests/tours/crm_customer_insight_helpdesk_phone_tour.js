import { registry } from "@web/core/registry";

// A care executive on a phone opens a customer, reads their cases and hands an open one to a colleague in one dialog.
registry.category("web_tour.tours").add("crm_customer_insight_helpdesk_phone", {
    steps: () => [
        {
            content: "Open the customer's care cases",
            trigger: ".o_form_view .o_notebook_headers a[name='insight_cases']",
            run: "click",
        },
        {
            content: "The previous, done case is listed too",
            trigger: ".o_field_widget[name='insight_case_ids'] .o_data_row:contains(Invoice copy)",
        },
        {
            content: "Assign the open case",
            trigger: ".o_field_widget[name='insight_case_ids'] .o_data_row:contains(Laces missing) button:has(.fa-user-plus)",
            run: "click",
        },
        {
            content: "Pick the colleague",
            trigger: ".modal .o_field_widget[name='user_id'] input",
            run: "click",
        },
        {
            content: "among the team's members, offered as cards on a phone",
            trigger: ".modal .o_kanban_record:contains(Colette Colleague)",
            run: "click",
        },
        {
            content: "One click assigns",
            trigger: ".modal button[name='action_assign']",
            run: "click",
        },
        {
            content: "The case shows its new assignee",
            trigger: "body:not(:has(.modal)) .o_field_widget[name='insight_case_ids'] .o_data_row:contains(Laces missing):contains(Colette Colleague)",
        },
    ],
});
