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

/** Put a 400 x 400 PNG drawn in the browser into the file input, as a customer choosing a photo does. */
async function choosePhoto(input) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 400;
    const context = canvas.getContext("2d");
    context.fillStyle = "#3a7";
    context.fillRect(0, 0, 400, 400);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "holiday.png", { type: "image/png" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The preview has ink where the text goes: some pixel of the text box is not the white background. */
function previewHasInk(canvas, layout) {
    const field = layout.fields.find((candidate) => candidate.kind === "text");
    const scale = canvas.width / layout.base.width;
    const { left, top, width, height } = field.box_px;
    const pixels = canvas
        .getContext("2d")
        .getImageData(left * scale, top * scale, Math.max(1, width * scale), Math.max(1, height * scale)).data;
    for (let index = 0; index < pixels.length; index += 4) {
        if (pixels[index] < 128 && pixels[index + 3] > 0) {
            return true;
        }
    }
    return false;
}

registry.category("web_tour.tours").add("website_sale_gift_personalization_flow", {
    steps: () => [
        {
            content: "The personalised product shows its preview",
            trigger: ".o_personalization canvas.o_personalization_preview",
        },
        {
            content: "Adding without the required engraving is refused on the page",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The refusal names the missing field",
            trigger: ".o_personalization_messages:not(.d-none):contains(Engraving)",
        },
        {
            content: "Type the engraving",
            trigger: "input.o_personalization_text_input",
            run: "edit Anna & Tom",
        },
        {
            content: "The counter follows the text",
            trigger: ".o_personalization_counter:contains(10 / 20)",
        },
        {
            content: "The preview draws the text in its box",
            trigger: ".o_personalization canvas",
            run() {
                const layout = JSON.parse(document.querySelector(".o_personalization").dataset.layout);
                if (!previewHasInk(this.anchor, layout)) {
                    throw new Error("the engraving is not drawn in its box");
                }
            },
        },
        {
            content: "Choose the script font",
            trigger: ".o_variant_pills:has(input[data-value-name='Script'])",
            run: "click",
        },
        {
            content: "Choose gold ink",
            trigger: ".css_attribute_color:has(input[data-value-name='Gold'])",
            run: "click",
        },
        {
            content: "Add gift wrap",
            trigger: "input[data-value-name='Gift wrap']",
            run: "click",
        },
        {
            content: "The price includes the gift wrap (12 + 3)",
            trigger: ".product_price .oe_price .oe_currency_value:contains(15.00)",
        },
        {
            content: "Upload a photo",
            trigger: "input.o_personalization_file",
            async run() {
                await choosePhoto(this.anchor);
            },
        },
        {
            content: "The upload is kept for this cart",
            trigger: ".o_personalization_image_name:contains(holiday.png)",
        },
        fitsScreen(".o_personalization"),
        fitsScreen(".js_add_cart_variants"),
        {
            content: "Add to cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "Once the cart holds the gift, go to the cart",
            trigger: "body",
            async run() {
                for (let attempt = 0; sessionStorage.getItem("website_sale_cart_quantity") !== "1"; attempt++) {
                    if (attempt > 100) {
                        throw new Error("the gift was not added to the cart");
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                window.location.href = "/shop/cart";
            },
            expectUnloadPage: true,
        },
        {
            content: "The cart line shows the personalisation, escaped, with its picture",
            trigger: ".o_cart_product:contains(Anna & Tom):contains(Script) .o_personalization_thumbnail",
        },
        fitsScreen(".o_cart_product"),
        {
            content: "Edit the personalisation",
            trigger: "a.o_personalization_edit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page opens with the line's engraving",
            trigger: "input.o_personalization_text_input[value='Anna & Tom']",
            run: "edit Tom & Anna",
        },
        {
            content: "Saving replaces the line",
            trigger: "#add_to_cart:contains(Save changes)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart has the edited line only",
            trigger: ".o_cart_product:contains(Tom & Anna)",
            run() {
                const lines = document.querySelectorAll(".o_cart_product");
                if (lines.length !== 1 || document.body.innerText.includes("Anna & Tom")) {
                    throw new Error("the edit should replace the line, not add one");
                }
            },
        },
    ],
});
