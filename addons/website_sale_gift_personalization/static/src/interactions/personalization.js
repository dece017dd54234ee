import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { RPCError } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";
import { WebsiteSale } from "@website_sale/interactions/website_sale";
import wSaleUtils from "@website_sale/js/website_sale_utils";

// The preview is drawn at most this wide or high; the layout's pixels are scaled to it.
const PREVIEW_MAX_SIZE = 1000;
const DEFAULT_FONT = "sans";
const DEFAULT_COLOR = "#000000";

/**
 * The largest font size in [minSize, maxSize] whose ink fits the box: the rule of the server's proof
 * (sale_gift_personalization/lib/layout.py fit_text_size), so both place the text alike.
 */
function fitTextSize(measure, boxWidth, boxHeight, maxSize, minSize = 6) {
    let low = minSize;
    let high = Math.max(minSize, maxSize);
    let best = minSize;
    while (low <= high) {
        const size = Math.floor((low + high) / 2);
        const [width, height] = measure(size);
        if (width <= boxWidth && height <= boxHeight) {
            best = size;
            low = size + 1;
        } else {
            high = size - 1;
        }
    }
    return best;
}

/** An image scaled to fit inside its box, aspect kept, centred (lib/layout.py fit_inside). */
function fitInside(width, height, [left, top, boxWidth, boxHeight]) {
    if (width <= 0 || height <= 0 || boxWidth <= 0 || boxHeight <= 0) {
        return [left, top, 0, 0];
    }
    const scale = Math.min(boxWidth / width, boxHeight / height);
    const newWidth = Math.max(1, Math.round(width * scale));
    const newHeight = Math.max(1, Math.round(height * scale));
    return [
        left + Math.floor((boxWidth - newWidth) / 2),
        top + Math.floor((boxHeight - newHeight) / 2),
        newWidth,
        newHeight,
    ];
}

function boxArray(box) {
    return [box.left, box.top, box.width, box.height];
}

/**
 * The personalisation of a product page: conditions, counters, image upload and the live preview, drawn from
 * product.template._get_personalization_layout (the geometry the server's proof uses).
 */
export class GiftPersonalization extends Interaction {
    static selector = ".js_main_product:has(.o_personalization)";
    dynamicContent = {
        "input.js_variant_change, select.js_variant_change": { "t-on-change": this.refresh },
        ".o_personalization_text_input": { "t-on-input": this.refresh },
        ".o_personalization_file": { "t-on-change": this.onFileChange },
    };

    setup() {
        this.block = this.el.querySelector(".o_personalization");
        this.layout = JSON.parse(this.block.dataset.layout);
        this.canvas = this.block.querySelector("canvas.o_personalization_preview");
        this.images = new Map();
        this.fontFamilies = {};
    }

    async willStart() {
        const fontLoads = Object.entries(this.layout.fonts || {}).map(async ([key, url]) => {
            const family = `o_personalization_${key}`;
            try {
                const face = new FontFace(family, `url(${url})`);
                document.fonts.add(await face.load());
                this.fontFamilies[key] = family;
            } catch {
                // The preview falls back on the page's font; the proof still uses the right one.
            }
        });
        const baseLoad = this.layout.base.url ? this.loadImage(this.layout.base.url) : Promise.resolve();
        const uploadLoads = [...this.el.querySelectorAll(".o_personalization_image_value")]
            .filter((input) => input.dataset.url)
            .map((input) => this.loadImage(input.dataset.url));
        await Promise.all([...fontLoads, baseLoad, ...uploadLoads]);
    }

    start() {
        if (this.block.dataset.editLineId) {
            const button = this.el.querySelector("#add_to_cart");
            const label = this.block.querySelector(".o_personalization_save_label").textContent;
            if (button) {
                button.lastChild.textContent = ` ${label}`;
            }
        }
        this.refresh();
    }

    loadImage(url) {
        if (!this.images.has(url)) {
            this.images.set(
                url,
                new Promise((resolve) => {
                    const image = new Image();
                    image.onload = () => resolve(image);
                    image.onerror = () => resolve(null);
                    image.src = url;
                })
            );
        }
        return this.images.get(url);
    }

    /** The product.template.attribute.value ids chosen on the page. */
    chosenValueIds() {
        const ids = [];
        for (const input of this.el.querySelectorAll("input.js_variant_change:checked")) {
            ids.push(parseInt(input.value));
        }
        for (const select of this.el.querySelectorAll("select.js_variant_change")) {
            ids.push(parseInt(select.value));
        }
        return ids;
    }

    fieldElement(lineId) {
        return this.el.querySelector(`li[data-personalization-line-id="${lineId}"]`);
    }

    refresh() {
        const chosen = this.chosenValueIds();
        for (const fieldEl of this.el.querySelectorAll("li[data-personalization-conditions]")) {
            const conditions = JSON.parse(fieldEl.dataset.personalizationConditions);
            fieldEl.classList.toggle("d-none", !conditions.some((id) => chosen.includes(id)));
        }
        for (const input of this.el.querySelectorAll(".o_personalization_text_input")) {
            const counter = input.parentElement.querySelector(".o_personalization_counter");
            if (counter) {
                counter.textContent = `${[...input.value].length} / ${input.dataset.maxLength}`;
            }
        }
        this.draw(chosen);
    }

    /** The chosen value of a font or colour field, as the layout describes it. */
    chosenStyle(lineId, chosen) {
        const field = this.layout.fields.find((candidate) => candidate.line_id === lineId);
        return field?.values.find((value) => chosen.includes(value.ptav_id));
    }

    async draw(chosen) {
        const { base, fields } = this.layout;
        const scale = Math.min(1, PREVIEW_MAX_SIZE / Math.max(base.width, base.height));
        this.canvas.width = Math.round(base.width * scale);
        this.canvas.height = Math.round(base.height * scale);
        const context = this.canvas.getContext("2d");
        context.setTransform(scale, 0, 0, scale, 0, 0);
        const baseImage = base.url && (await this.loadImage(base.url));
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, base.width, base.height);
        if (baseImage) {
            context.drawImage(baseImage, 0, 0, base.width, base.height);
        }
        const area = this.layout.area;
        context.setLineDash([8 / scale, 6 / scale]);
        context.lineWidth = 1 / scale;
        context.strokeStyle = "rgba(0, 0, 0, 0.35)";
        context.strokeRect(area.left, area.top, area.width, area.height);
        for (const field of fields) {
            const fieldEl = this.fieldElement(field.line_id);
            if (!fieldEl || fieldEl.classList.contains("d-none")) {
                continue;
            }
            if (field.kind === "text") {
                const text = fieldEl.querySelector(".o_personalization_text_input")?.value.trim();
                if (text) {
                    this.drawText(context, field, text, chosen);
                }
            } else if (field.kind === "image") {
                const url = fieldEl.querySelector(".o_personalization_image_value")?.dataset.url;
                const image = url && (await this.loadImage(url));
                if (image) {
                    const [left, top, width, height] = fitInside(
                        image.naturalWidth, image.naturalHeight, boxArray(field.box_px)
                    );
                    context.drawImage(image, left, top, width, height);
                }
            }
        }
    }

    drawText(context, field, text, chosen) {
        const fontKey = this.chosenStyle(field.font_line_id, chosen)?.font || DEFAULT_FONT;
        const family = this.fontFamilies[fontKey] || "sans-serif";
        const color = this.chosenStyle(field.color_line_id, chosen)?.color || DEFAULT_COLOR;
        const [left, top, width, height] = boxArray(field.box_px);
        if (width <= 0 || height <= 0) {
            return;
        }
        const metrics = (size) => {
            context.font = `${size}px "${family}"`;
            return context.measureText(text);
        };
        const ink = (measured) => [
            measured.actualBoundingBoxLeft + measured.actualBoundingBoxRight,
            measured.actualBoundingBoxAscent + measured.actualBoundingBoxDescent,
        ];
        const size = fitTextSize((candidate) => ink(metrics(candidate)), width, height, Math.max(6, height));
        const measured = metrics(size);
        const [inkWidth, inkHeight] = ink(measured);
        context.fillStyle = color;
        context.textBaseline = "alphabetic";
        context.fillText(
            text,
            left + (width - inkWidth) / 2 + measured.actualBoundingBoxLeft,
            top + (height - inkHeight) / 2 + measured.actualBoundingBoxAscent
        );
    }

    showFieldError(fileInput, message) {
        const errorEl = fileInput.closest("li").querySelector(".o_personalization_error");
        errorEl.textContent = message || "";
        errorEl.classList.toggle("d-block", Boolean(message));
        fileInput.classList.toggle("is-invalid", Boolean(message));
    }

    async onFileChange(ev) {
        const fileInput = ev.currentTarget;
        const valueInput = fileInput.closest("li").querySelector(".o_personalization_image_value");
        const file = fileInput.files[0];
        this.showFieldError(fileInput, "");
        if (!file) {
            return;
        }
        if (file.size > parseInt(fileInput.dataset.maxBytes)) {
            fileInput.value = "";
            this.showFieldError(fileInput, this.label("too_large"));
            return;
        }
        const body = new FormData();
        body.append("field_id", fileInput.dataset.fieldId);
        body.append("image", file);
        body.append("csrf_token", odoo.csrf_token);
        let answer = {};
        let status = 0;
        try {
            const response = await this.waitFor(
                fetch("/shop/personalization/upload", { method: "POST", body })
            );
            status = response.status;
            answer = await this.waitFor(response.json().catch(() => ({})));
        } catch {
            status = 0;
        }
        if (status !== 200 || !answer.id) {
            // The image kept before (if any) stays: a refused file changes nothing.
            fileInput.value = "";
            const fallback = status === 413 ? this.label("too_large") : this.label("upload_failed");
            this.showFieldError(fileInput, answer.error || fallback);
            return;
        }
        valueInput.value = answer.id;
        valueInput.dataset.url = answer.url;
        const nameEl = fileInput.closest("li").querySelector(".o_personalization_image_name");
        nameEl.querySelector(".o_personalization_image_filename").textContent = answer.name;
        nameEl.classList.remove("d-none");
        await this.waitFor(this.loadImage(answer.url));
        this.refresh();
    }

    label(name) {
        return this.block.querySelector(`.o_personalization_${name}`).textContent;
    }
}

registry
    .category("public.interactions")
    .add("website_sale_gift_personalization.personalization", GiftPersonalization);

/**
 * Add to cart from a personalised product: the server's refusal (a required field, a text rule, an image not of
 * this cart) is shown on the page and nothing is added; editing a cart line saves into that line.
 */
patch(WebsiteSale.prototype, {
    _updateRootProduct(form) {
        super._updateRootProduct(form);
        const editLineId = form.closest(".js_product")?.querySelector(".o_personalization")?.dataset.editLineId;
        if (editLineId) {
            this.rootProduct.personalization_line_id = parseInt(editLineId);
        }
    },

    async _addToCart(el) {
        const form = wSaleUtils.getClosestProductForm(el);
        const block = form.closest(".js_product")?.querySelector(".o_personalization");
        if (!block) {
            return super._addToCart(el);
        }
        const messages = block.querySelector(".o_personalization_messages");
        messages.classList.add("d-none");
        try {
            if (block.dataset.editLineId) {
                this._updateRootProduct(form);
                return await this.services["cart"].add(this.rootProduct, { isBuyNow: true });
            }
            return await super._addToCart(el);
        } catch (error) {
            if (error instanceof RPCError && error.data?.message) {
                messages.textContent = error.data.message;
                messages.classList.remove("d-none");
                messages.scrollIntoView({ block: "nearest" });
                return 0;
            }
            throw error;
        }
    },
});
