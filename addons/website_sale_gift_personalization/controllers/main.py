from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.website_sale.controllers.main import WebsiteSale

from ..models.sale_order import MAX_ID, parse_id

# The whole upload request, refused (413) before its body is read: the largest image a field may accept
# (5 MiB by default) plus the form around it. A field's own, smaller cap is checked on the file itself.
UPLOAD_MAX_BODY = 12 * 1024 * 1024
# Uploads a cart keeps before a line takes them: enough to try several photos, not to fill the disk.
MAX_CART_UPLOADS = 20
ID = f"int(max={MAX_ID})"


class GiftPersonalization(http.Controller):
    @http.route(
        "/shop/personalization/upload", type="http", auth="public", methods=["POST"], website=True,
        sitemap=False, max_content_length=UPLOAD_MAX_BODY,
    )
    def personalization_upload(self, field_id=None, image=None, **kwargs):
        """Sanitise an image for a personalisation field and keep it on the visitor's cart (created if needed).

        Answers the attachment id, usable by this cart only, or a 4xx with the reason to show on the page.
        """
        ptal = self._personalization_image_field(field_id)
        if not ptal:
            return self._json_error(request.env._("This product cannot be personalised with an image."), 404)
        if not isinstance(image, FileStorage):
            return self._json_error(request.env._("Please choose an image file."), 400)
        try:
            clean = ptal._personalization_clean_image(image.read(ptal.personalization_image_max_bytes + 1))
        except ValidationError as refusal:
            return self._json_error(refusal.args[0], 422)
        if request.cart and request.cart._personalization_upload_count() >= MAX_CART_UPLOADS:
            return self._json_error(request.env._(
                "Too many images were uploaded to this cart. Add the product with one of them, or remove a line."
            ), 429)
        # Only a kept image creates the cart: a refusal leaves the visitor's cart as it was.
        cart = request.cart or request.website._create_cart()
        attachment = cart._personalization_store_upload(clean, image.filename or ptal.attribute_id.name)
        return request.make_json_response({
            "id": attachment.id,
            "name": attachment.name,
            "url": f"/shop/personalization/upload/{attachment.id}",
        })

    @http.route(f"/shop/personalization/upload/<{ID}:attachment_id>", type="http", auth="public", website=True,
                sitemap=False)
    def personalization_uploaded_image(self, attachment_id, **kwargs):
        attachment = request.cart._personalization_own_image(attachment_id) if request.cart else None
        return self._personalization_stream(attachment)

    @http.route(f"/shop/personalization/line/<{ID}:line_id>/proof", type="http", auth="public", website=True,
                sitemap=False)
    def personalization_line_proof(self, line_id, **kwargs):
        return self._personalization_stream(self._personalization_readable_line(line_id).personalization_proof_id)

    @http.route(f"/shop/personalization/line/<{ID}:line_id>/image/<{ID}:attachment_id>", type="http",
                auth="public", website=True, sitemap=False)
    def personalization_line_image(self, line_id, attachment_id, **kwargs):
        line = self._personalization_readable_line(line_id)
        attachment = line.product_custom_attribute_value_ids.personalization_attachment_id.filtered(
            lambda candidate: candidate.id == attachment_id
        )
        return self._personalization_stream(attachment)

    def _personalization_image_field(self, raw_field_id):
        """The image field named by an untrusted id, on a product the visitor may buy; else an empty recordset."""
        ptal = request.env["product.template.attribute.line"].sudo().browse(parse_id(raw_field_id)).exists()
        template = ptal.product_tmpl_id
        if ptal.personalization_kind != "image" or not (template.is_published and template._can_be_added_to_cart()):
            return ptal.browse()
        return ptal

    def _personalization_readable_line(self, line_id):
        """A personalised line of the visitor's cart, or of an order the logged-in user may read (its customer,
        staff); a guessed id or another customer's line is a 404, the same answer as a line that does not exist."""
        line = request.env["sale.order.line"].sudo().browse(line_id).exists()
        if not line or not line.is_personalized:
            raise NotFound()
        if line.order_id == request.cart:
            return line
        if request.env.user._is_public() or not line.order_id.with_env(request.env).has_access("read"):
            raise NotFound()
        return line

    def _personalization_stream(self, attachment):
        if not attachment:
            raise NotFound()
        response = request.env["ir.binary"]._get_stream_from(attachment.sudo()).get_response()
        # The customer's own picture: never in a shared cache, never sniffed into anything else.
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'"
        return response

    def _json_error(self, message, status):
        return request.make_json_response({"error": message}, status=status)


class WebsiteSalePersonalization(WebsiteSale):
    def _prepare_product_values(self, product, category, **kwargs):
        """``?personalization_line=<id>`` opens the page with that cart line's personalisation, to edit it."""
        values = super()._prepare_product_values(product, category, **kwargs)
        raw_line_id = kwargs.get("personalization_line")
        line = request.cart._personalization_cart_line(raw_line_id) if raw_line_id and request.cart else None
        if line and line.product_template_id == product:
            values["combination_info"] = product._get_combination_info(
                combination=line._personalization_chosen_values()
            )
            values["personalization_line"] = line
            values["personalization_prefill"] = {
                custom.custom_product_template_attribute_value_id.id: custom
                for custom in line.product_custom_attribute_value_ids
            }
        return values
