import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("website_sale_portal_dashboard_phone", {
    url: "/my/home",
    steps: () => [
        {
            content: "The recent order shows its fulfilment stage",
            trigger: ".o_portal_dashboard_order .o_portal_dashboard_stage",
        },
        {
            content: "The latest news are there",
            trigger: ".o_portal_dashboard_message:contains(Your parcel leaves today)",
        },
        {
            content: "Products to buy with the order are offered",
            trigger: ".o_portal_dashboard_bought_together .o_portal_dashboard_product",
        },
        {
            content: "Every card fits the screen, and the page does not scroll sideways",
            trigger: "#portal_dashboard .card",
            run() {
                const width = document.documentElement.clientWidth;
                for (const card of document.querySelectorAll("#portal_dashboard .card")) {
                    const { left, right } = card.getBoundingClientRect();
                    if (left < -1 || right > width + 1) {
                        throw new Error(`${card.className} spans ${left}-${right} px on a ${width} px screen`);
                    }
                }
                if (document.documentElement.scrollWidth > width + 1) {
                    throw new Error(`the page scrolls sideways on a ${width} px screen`);
                }
            },
        },
        {
            content: "Odoo's document entries follow the cards",
            trigger: ".o_portal_docs",
        },
        {
            content: "The order opens from its card",
            trigger: ".o_portal_dashboard_order a.fw-bold",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order's page",
            trigger: ".o_portal_sale_sidebar",
        },
    ],
});
