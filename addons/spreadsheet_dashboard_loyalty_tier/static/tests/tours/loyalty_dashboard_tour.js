import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("spreadsheet_dashboard_loyalty_tier_open", {
    steps: () => [
        {
            content: "The Loyalty dashboard is listed under Sales",
            trigger: ".o_search_panel_category_value .o_dashboard_name:contains(Loyalty)",
            run: "click",
        },
        {
            // Five scorecards and the tier moves chart: the spreadsheet loaded, its pivots and charts evaluated
            // (a failing data request or a broken definition fails the tour through the browser's console).
            content: "Its figures are drawn",
            trigger: ".o-spreadsheet .o-figure:eq(5)",
        },
        {
            content: "Five of them are scorecards",
            trigger: ".o-spreadsheet .o-scorecard:eq(4)",
        },
    ],
});
