import base64
import io
import warnings
from datetime import timedelta

from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.http import request, route
from odoo.tools import str2bool
from odoo.tools.image import image_apply_opt, image_fix_orientation
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.sale.controllers.portal import CustomerPortal

RECENT_ORDERS = 5
LATEST_MESSAGES = 5
# Messages read to find LATEST_MESSAGES on documents the customer can still open.
MESSAGE_CANDIDATES = 20
RECOMMENDED_PRODUCTS = 4
# Co-purchases counted over the orders of the last year: recent enough to matter, bounded on a large shop.
BOUGHT_TOGETHER_DAYS = 365

PICTURE_FIELD = "portal_dashboard_picture"
PICTURE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# What a stored picture keeps of the upload besides its pixels: its colours and its transparency. EXIF (with the
# phone's GPS position), XMP, comments and text chunks are left behind.
PICTURE_KEPT_INFO = ("icc_profile", "transparency")
PICTURE_MAX_BYTES = 5 * 1024 * 1024
# A phone photo is 12 to 24 Mpx; the header says how many pixels an image claims before any of them is decoded.
PICTURE_MAX_PIXELS = 25_000_000
# The account form with its picture: a larger body is refused (413) before it is read.
ACCOUNT_FORM_MAX_BODY = PICTURE_MAX_BYTES + 1024 * 1024
# PostgreSQL's integer: a larger id would fail in the database.
MAX_ID = 2**31 - 1


class PortalDashboard(CustomerPortal):
    """The customer's dashboard on the portal home, and the profile picture on the account form."""

    @route()
    def home(self, **kw):
        response = super().home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["portal_dashboard"] = self._portal_dashboard_values()
        return response

    def _portal_dashboard_values(self):
        partner = request.env.user.partner_id
        # As the customer: sale's portal domain and record rules decide which orders are theirs.
        orders = request.env["sale.order"].search(
            self._prepare_orders_domain(partner), order="date_order desc, id desc", limit=RECENT_ORDERS,
        )
        viewed = self._portal_dashboard_recently_viewed()
        return {
            "orders": orders,
            "messages": self._portal_dashboard_messages(partner),
            "viewed": viewed,
            "bought_together": self._portal_dashboard_bought_together(orders, viewed),
        }

    def _portal_dashboard_messages(self, partner):
        """The latest messages Odoo sent to the customer (mail.notification), on documents they may still open.

        Returns ``(message, document)`` pairs, newest first."""
        candidates = request.env["mail.message"].sudo().search([
            ("notification_ids.res_partner_id", "=", partner.id),
            ("model", "!=", False),
            ("res_id", "!=", False),
            ("is_internal", "=", False),
            ("message_type", "!=", "user_notification"),
        ], order="id desc", limit=MESSAGE_CANDIDATES)
        documents = {}
        for model, messages in candidates.grouped("model").items():
            if model not in request.env:
                continue
            # As the customer: a document they lost access to (or never had, e.g. an internal one) is left out.
            readable = request.env[model].browse(list(set(messages.mapped("res_id"))))._filtered_access("read")
            documents.update({(model, document.id): document for document in readable})
        pairs = [
            (message, documents[message.model, message.res_id])
            for message in candidates
            if (message.model, message.res_id) in documents
        ]
        return pairs[:LATEST_MESSAGES]

    def _portal_dashboard_recently_viewed(self):
        """Odoo's own "recently viewed" (website_sale's snippet filter on the visitor's tracks), one per template."""
        website = request.website
        products = request.env["website.snippet.filter"].with_context(hide_variants=True)._get_products_latest_viewed(
            website, RECOMMENDED_PRODUCTS * 2, website.sale_product_domain(),
        )
        return products.product_tmpl_id[:RECOMMENDED_PRODUCTS]

    def _portal_dashboard_bought_together(self, orders, viewed):
        """Templates to buy with the recent orders' products: the shop's accessories of those products first, then
        the products most often in the same orders as them over the last year (one grouped query over all orders)."""
        bought = orders.sudo().order_line.product_id
        if not bought:
            return request.env["product.template"]
        accessories = bought.product_tmpl_id.accessory_product_ids
        since = fields.Datetime.now() - timedelta(days=BOUGHT_TOGETHER_DAYS)
        co_purchased = request.env["sale.order.line"].sudo()._read_group(
            [
                ("order_id.state", "=", "sale"),
                ("order_id.date_order", ">=", since),
                ("order_id.order_line.product_id", "in", bought.ids),
                ("product_id", "!=", False),
                ("product_id", "not in", bought.ids),
            ],
            ["product_id"],
            order="__count desc, product_id",
            limit=RECOMMENDED_PRODUCTS * 3,
        )
        candidate_ids = list(dict.fromkeys([*accessories.ids, *(product.id for [product] in co_purchased)]))
        excluded = bought.product_tmpl_id | viewed
        # As the customer, through the shop's domain: only products they may buy here.
        allowed = set(request.env["product.product"]._search(
            Domain(request.website.sale_product_domain())
            & Domain("id", "in", candidate_ids)
            & Domain("product_tmpl_id", "not in", excluded.ids)
        ))
        products = request.env["product.product"].browse([pid for pid in candidate_ids if pid in allowed])
        return products.product_tmpl_id[:RECOMMENDED_PRODUCTS]

    @route(max_content_length=ACCOUNT_FORM_MAX_BODY)
    def portal_address_submit(self, partner_id=None, **form_data):
        # Odoo reads the id with int(), which takes '٣' for 3 and fails on '²' or on an id beyond PostgreSQL's
        # integer (a 500): an id is ASCII digits, anything else is a bad request.
        if partner_id and not (
            isinstance(partner_id, str) and partner_id.isascii() and partner_id.isdigit() and int(partner_id) <= MAX_ID
        ):
            raise BadRequest()
        # Odoo reads this flag with str2bool, which raises (a 500) on anything but its yes/no words.
        use_delivery_as_billing = form_data.get("use_delivery_as_billing")
        if use_delivery_as_billing:
            try:
                str2bool(use_delivery_as_billing)
            except ValueError:
                raise BadRequest() from None
        return super().portal_address_submit(partner_id=partner_id, **form_data)

    def _create_or_update_address(self, partner_sudo, *args, **form_data):
        """The account form's picture, checked before anything is saved: a refusal answers the form with the reason
        (shown by Odoo's address form script above the fields, which keep what was typed) and saves nothing."""
        upload = form_data.pop(PICTURE_FIELD, None)
        if not isinstance(upload, FileStorage) or not upload.filename:
            return super()._create_or_update_address(partner_sudo, *args, **form_data)
        try:
            picture = self._portal_dashboard_checked_picture(partner_sudo, upload)
        except UserError as refusal:
            return partner_sudo, {"invalid_fields": [PICTURE_FIELD], "messages": [refusal.args[0]]}
        partner_sudo, feedback = super()._create_or_update_address(partner_sudo, *args, **form_data)
        if "redirectUrl" in feedback:
            # The image field resizes it (Odoo's ImageProcess) and derives the avatars.
            partner_sudo.image_1920 = base64.b64encode(picture)
        return partner_sudo, feedback

    def _portal_dashboard_checked_picture(self, partner_sudo, upload):
        """The upload re-encoded if it is a PNG or JPEG picture within the caps, else a UserError saying why.

        The type comes from the content (never the file name or the declared type), the size is capped before the
        content is parsed and the pixel count from the header before a pixel is decoded (a 50 kB PNG can claim
        20,000 x 20,000 pixels); then the whole image is decoded once, so a file Pillow cannot read is refused here."""
        env = request.env
        if partner_sudo != env.user.partner_id:
            raise UserError(env._("A profile picture can only be set on your own account."))
        data = upload.read(PICTURE_MAX_BYTES + 1)
        if len(data) > PICTURE_MAX_BYTES:
            raise UserError(env._(
                "The picture is larger than %(size)s MB: please choose a smaller one.",
                size=PICTURE_MAX_BYTES // (1024 * 1024),
            ))
        picture_format = PICTURE_FORMATS.get(guess_mimetype(data))
        if not picture_format:
            raise UserError(env._("The picture must be a PNG or JPEG image."))
        too_many_pixels = env._(
            "The picture has more than %(megapixels)s million pixels: please choose a smaller one.",
            megapixels=PICTURE_MAX_PIXELS // 1_000_000,
        )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(data))
                if image.width * image.height > PICTURE_MAX_PIXELS:
                    raise UserError(too_many_pixels)
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise UserError(too_many_pixels) from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise UserError(env._("The picture could not be read: the file may be damaged.")) from error
        return self._portal_dashboard_reencoded_picture(image, picture_format)

    def _portal_dashboard_reencoded_picture(self, image, picture_format):
        """The decoded ``image`` saved anew in its format, with nothing of the upload but its pixels and colours.

        Odoo's image field keeps the bytes it is given when it has no need to resize them, metadata included: a
        phone's JPEG would carry its GPS position onto the shop. Pillow writes no EXIF unless asked, and
        PICTURE_KEPT_INFO keeps it from carrying over the rest; the EXIF rotation is applied to the pixels first, as
        the tag that told it goes."""
        image = image_fix_orientation(image)
        image.info = {key: image.info[key] for key in PICTURE_KEPT_INFO if key in image.info}
        if picture_format == "PNG":
            return image_apply_opt(image, "PNG", optimize=True)
        # image_apply_opt converts other modes (CMYK) to RGB, for which a profile of the original would be wrong.
        icc_profile = image.info.get("icc_profile") if image.mode in ("L", "RGB") else None
        return image_apply_opt(image, "JPEG", optimize=True, quality=95, icc_profile=icc_profile)
