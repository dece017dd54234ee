import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("spreadsheet_dashboard_crm_customer_insight_open", {
    steps: () => [
        {
            content: "The Customer Insight dashboard is listed under Sales",
            trigger: ".o_search_panel_category_value .o_dashboard_name:contains(Customer Insight)",
            run: "click",
        },
        {
            // Four scorecards and three charts: the spreadsheet loaded, its pivots and charts evaluated (a failing
            // data request or a broken definition fails the tour through the browser's console).
            content: "Its figures are drawn",
            trigger: ".o-spreadsheet .o-figure:eq(6)",
        },
        {
            content: "Four of them are scorecards",
            trigger: ".o-spreadsheet .o-scorecard:eq(3)",
        },
    ],
});
