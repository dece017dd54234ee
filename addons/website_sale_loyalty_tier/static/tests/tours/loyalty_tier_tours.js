import { registry } from "@web/core/registry";

/** A step failing when an element of ``selector`` sticks out of the screen (checked at every width). */
function fitsScreen(selector) {
    return {
        content: `${selector} fits the screen`,
        trigger: selector,
        run() {
            const width = document.documentElement.clientWidth;
            for (const element of [this.anchor, ...this.anchor.querySelectorAll("*")]) {
                const rect = element.getBoundingClientRect();
                if (rect.width && (rect.left < -1 || rect.right > width + 1)) {
                    throw new Error(`${element.outerHTML.slice(0, 80)} overflows the ${width} px screen`);
                }
            }
            if (document.documentElement.scrollWidth > width + 1) {
                throw new Error(`the page scrolls sideways on a ${width} px screen`);
            }
        },
    };
}

registry.category("web_tour.tours").add("website_sale_loyalty_tier_portal", {
    url: "/my/home",
    steps: () => [
        {
            content: "The portal home links the loyalty page",
            trigger: "a[href='/my/loyalty']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The tier is shown",
            trigger: ".o_loyalty_tier_card .o_loyalty_tier_name:contains(Silver)",
        },
        {
            content: "The progress bar leads to the next tier, with what is missing",
            trigger: ".o_loyalty_tier_progress:has(.progress-bar) .o_loyalty_tier_missing:contains(Gold)",
        },
        {
            content: "The balance is shown",
            trigger: ".o_loyalty_tier_balance:contains(150)",
        },
        {
            content: "Points about to expire stand out",
            trigger: ".o_loyalty_tier_history li.o_loyalty_tier_expiring:contains(Order LT-001)",
        },
        {
            content: "A usable reward is listed",
            trigger: ".o_loyalty_tier_rewards:contains(Ten percent off)",
        },
        fitsScreen(".o_loyalty_tier_portal"),
        {
            content: "Open the whole history",
            trigger: "a.o_loyalty_tier_full_history",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Every line with its expiry",
            trigger: ".o_loyalty_tier_history li:contains(Third order bonus):contains(expire on)",
        },
        fitsScreen(".o_loyalty_tier_portal"),
    ],
});

registry.category("web_tour.tours").add("website_sale_loyalty_tier_product", {
    steps: () => [
        {
            content: "The product page tells the points its price earns",
            trigger: ".o_loyalty_tier_product_points:contains(Earn)",
        },
        fitsScreen("#product_details"),
        {
            content: "Add to cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        {
            // The header's cart counter may sit in a folded menu on a phone: read it rather than wait to see it.
            content: "The cart holds the product",
            trigger: "body",
            async run() {
                for (let attempt = 0; attempt < 100; attempt++) {
                    if (document.querySelector(".my_cart_quantity")?.textContent.trim() === "1") {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                throw new Error("the product did not reach the cart");
            },
        },
    ],
});

/**
 * A step waiting until the product page's points equal its price (the tests earn one point per unit of price) and
 * differ from the figure ``seen`` holds, which it then records: the points followed the variant.
 */
function pointsFollowPrice(seen, content) {
    const number = (selector) => parseFloat(document.querySelector(selector)?.textContent.replace(/[^\d.]/g, ""));
    return {
        content,
        trigger: ".o_loyalty_tier_product_points strong",
        async run() {
            for (let attempt = 0; attempt < 100; attempt++) {
                const points = number(".o_loyalty_tier_product_points strong");
                if (points === number("#product_details .oe_price") && points !== seen.points) {
                    seen.points = points;
                    return;
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            throw new Error(`the points (${number(".o_loyalty_tier_product_points strong")}) did not follow the price`);
        },
    };
}

registry.category("web_tour.tours").add("website_sale_loyalty_tier_variant_points", {
    steps: () => {
        const seen = { points: undefined };
        return [
            pointsFollowPrice(seen, "Small: its price's points"),
            {
                content: "Pick Large, which costs more",
                trigger: "input.js_variant_change[data-value-name='Large']",
                run: "click",
            },
            pointsFollowPrice(seen, "Large: the points follow its price"),
            {
                content: "Back to Small",
                trigger: "input.js_variant_change[data-value-name='Small']",
                run: "click",
            },
            pointsFollowPrice(seen, "Small again: its points again"),
        ];
    },
});

registry.category("web_tour.tours").add("website_sale_loyalty_tier_cart", {
    url: "/shop/cart",
    steps: () => [
        {
            content: "The cart tells the points this order earns",
            trigger: ".o_loyalty_tier_cart:contains(This order earns):contains(120)",
        },
        {
            content: "and the tier's perks",
            trigger: ".o_loyalty_tier_cart_perks:contains(Silver Members Five Percent)",
        },
        fitsScreen(".o_loyalty_tier_cart"),
    ],
});
