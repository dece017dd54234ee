from odoo.tests import HttpCase, tagged

from .common import make_shoe_catalogue

# Runs in the visitor's browser: fails (console.error) when one of our elements sticks out of the screen.
FITS_SCREEN_JS = """
const fitsScreen = (selector) => {
    const width = document.documentElement.clientWidth;
    const root = document.querySelector(selector);
    if (!root || !root.getClientRects().length) {
        throw new Error(`${selector} is not shown on a ${width} px screen`);
    }
    for (const element of [root, ...root.querySelectorAll("*")]) {
        const rect = element.getBoundingClientRect();
        if (rect.width && (rect.left < -1 || rect.right > width + 1)) {
            throw new Error(`${element.outerHTML.slice(0, 80)} overflows the ${width} px screen`);
        }
    }
    if (root.scrollWidth > root.clientWidth + 1) {
        throw new Error(`${selector} scrolls sideways`);
    }
};
const waitFor = async (check, what) => {
    for (let attempt = 0; attempt < 100; attempt++) {
        if (check()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timeout: ${what}`);
};
const run = async (steps) => {
    try {
        await steps();
        console.log("test successful");
    } catch (error) {
        console.error(error.message);
    }
};
"""

SHOP_FILTERS_JS = """
run(async () => {
    if (document.querySelector("#o_wsale_shoe_filters").getClientRects().length) {
        throw new Error("the sidebar filters should give way to the Filters button on a phone");
    }
    const button = document.querySelector("button[data-bs-target='#o_wsale_offcanvas']");
    if (!button || !button.getClientRects().length) {
        throw new Error("no Filters button on a phone");
    }
    button.click();
    await waitFor(() => document.querySelector("#o_wsale_offcanvas.show"), "the Filters panel opens");
    await waitFor(() => !document.querySelector("#o_wsale_offcanvas.showing"), "the Filters panel is open");
    // The panel may still be sliding in on a loaded machine (it once measured mid-slide): give the layout time to
    // settle, then measure for real.
    for (let attempt = 0; attempt < 40; attempt++) {
        try {
            fitsScreen("#o_wsale_shoe_filters_offcanvas");
            break;
        } catch {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }
    fitsScreen("#o_wsale_shoe_filters_offcanvas");
    for (const name of ["size", "brand", "gender", "width"]) {
        if (!document.querySelector(`#o_wsale_shoe_filters_offcanvas [data-shoe-filter='${name}'] a`)) {
            throw new Error(`no ${name} filter in the Filters panel`);
        }
    }
    const size = document.querySelector("#o_wsale_shoe_filters_offcanvas [data-shoe-filter='size'] a[data-shoe-value]");
    const rect = size.getBoundingClientRect();
    if (rect.height < 20 || rect.width < 20) {
        throw new Error("size links are too small to tap");
    }
});
"""

PRODUCT_SIZES_JS = """
run(async () => {
    fitsScreen("#o_wsale_shoe_sizes");
    document.querySelector("#o_wsale_shoe_sizes details summary").click();
    await waitFor(() => document.querySelector("#o_wsale_shoe_foot_mm").getClientRects().length, "size guide opens");
    fitsScreen("#o_wsale_shoe_sizes");
    if (document.querySelectorAll("#o_wsale_shoe_sizes .o_wsale_shoe_size").length !== 3) {
        throw new Error("the three sizes are not all shown");
    }
});
"""


@tagged("post_install", "-at_install")
class TestShopOnPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        shoes = make_shoe_catalogue(cls.env)
        # Only this catalogue on the shop, whatever the database holds (e.g. the stride demo shop's shoes).
        ours = [record.id for record in shoes.values() if record._name == "product.template"]
        cls.env["product.template"].search([("id", "not in", ours), ("is_published", "=", True)]).is_published = False
        cls.runner = shoes["vn"]
        cls.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": cls.runner.id, "size_from": "40", "size_to": "42"}
        ).action_create_size_run()
        shoes["trailmark"].fit_note = "Runs half a size small: most runners take their usual size plus a half."

    def test_shop_filters_are_reachable_on_a_phone(self):
        self.browser_js("/shop?size_system=eu", FITS_SCREEN_JS + SHOP_FILTERS_JS)

    def test_size_selector_and_guide_fit_a_phone(self):
        self.browser_js(f"{self.runner.website_url}?size_system=us_women", FITS_SCREEN_JS + PRODUCT_SIZES_JS)
