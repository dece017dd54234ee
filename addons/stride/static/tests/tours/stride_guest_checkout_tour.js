import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

/** A guest buys one product: product page, cart, address, the chosen way to pay; ends on the confirmation page. */
function guestCheckout(paymentSteps) {
    return () => [
        {
            content: "Add the product to the cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        ...tourUtils.fillAdressForm({
            name: "Guest Shopper",
            phone: "+32 470 12 34 56",
            email: "guest.shopper@stride-checkout.example.com",
            street: "12 Rue Neuve",
            city: "Brussels",
            zip: "1000",
        }, true),
        tourUtils.confirmOrder(),
        ...paymentSteps,
    ];
}

registry.category("web_tour.tours").add("stride_guest_checkout_card", {
    // Odoo's demo provider stands in for the card networks (no network in tests).
    steps: guestCheckout([
        {
            content: "Choose the card (demo provider)",
            trigger: 'input[name="o_payment_radio"][data-provider-code="demo"]',
            run: "click",
        },
        ...tourUtils.payWithDemo(),
    ]),
});

registry.category("web_tour.tours").add("stride_guest_checkout_transfer", {
    steps: guestCheckout([
        {
            content: "Choose the bank transfer",
            trigger: 'input[name="o_payment_radio"][data-payment-method-code="wire_transfer"]',
            run: "click",
        },
        ...tourUtils.pay({ expectUnloadPage: true }),
        {
            // The transfer's reference to quote (Odoo's own text above it depends on the company's bank accounts).
            content: "The confirmation page gives the reference to quote on the transfer",
            trigger: '[name="order_confirmation"]:contains("Communication")',
            timeout: 30000,
        },
    ]),
});
