import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("spreadsheet_dashboard_crm_customer_insight_open", {
    steps: () => [
        {
            content: "The Customer Insight dashboard is listed under Sales",
            trigger: ".o_search_panel_category_value .o_dashboard_name:contains(Customer Insight)",
            run: "click",
        },
        {
            // The four scorecards and the growth chart at the top (figures further down are drawn when scrolled
            // to): the spreadsheet loaded, its pivots and charts evaluated (a failing data request or a broken
            // definition fails the tour through the browser's console).
            content: "Its figures are drawn",
            trigger: ".o-spreadsheet .o-figure:eq(4)",
        },
        {
            content: "Four of them are scorecards",
            trigger: ".o-spreadsheet .o-scorecard:eq(3)",
        },
    ],
});
