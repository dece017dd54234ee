from werkzeug.exceptions import NotFound

from odoo import SUPERUSER_ID, fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools.image import IMAGE_MAX_RESOLUTION, ImageProcess
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.rma_sale.controllers.rma_portal import PortalRma
from odoo.addons.rma_sale.controllers.sale_portal import CustomerPortal

from ..lib.return_request import MAX_BODY_BYTES, MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_MIMETYPES, parse_id

SORTINGS = ("date", "name", "state")


def _check_access(portal, model, record_id, access_token):
    """The record in sudo if the visitor may see it (theirs, or with its link's token); 404 otherwise, the same answer
    whether it exists or not. A token that is not ASCII is no token of Odoo's: its comparison (consteq) would raise."""
    if access_token and not (isinstance(access_token, str) and access_token.isascii()):
        raise NotFound()
    try:
        return portal._document_check_access(model, record_id, access_token=access_token)
    except (AccessError, MissingError):
        raise NotFound() from None


class ReturnRequestPortal(CustomerPortal):
    """rma_sale's request of a return from the order page, checked before rma_sale creates the RMAs."""

    @http.route()
    def request_rma(self, order_id, access_token=None, **post):
        order_sudo = self._rma_portal_order(order_id, access_token)
        if (request.httprequest.content_length or 0) > MAX_BODY_BYTES:
            message = request.env._(
                "Your request is too large: send at most %(count)s photos of %(size)s MB each.",
                count=MAX_PHOTOS,
                size=MAX_PHOTO_BYTES // (1024 * 1024),
            )
            return self._rma_portal_refuse(order_sudo, access_token, message, status=413)
        uploads = [upload for upload in request.httprequest.files.getlist("photos") if upload.filename]
        try:
            form = order_sudo._rma_portal_request_form(post)
            photos = self._rma_portal_photos(uploads)
        except UserError as error:
            return self._rma_portal_refuse(order_sudo, access_token, error.args[0])
        known = order_sudo.rma_ids
        response = super().request_rma(order_id, access_token=access_token, **form)
        rmas = request.env["rma"].sudo().search([("order_id", "=", order_sudo.id), ("id", "not in", known.ids)])
        for rma in rmas if photos else ():
            rma.message_post(
                body=request.env._("Photos sent with the return request."),
                attachments=photos,
                author_id=order_sudo.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        # rma only sends its "request received" e-mail when told the RMA comes from the portal, and rma_sale
        # subscribes the customer after creating it: sent here, once the customer follows the RMA.
        # As the shop, not as the customer: an e-mail's author is not sent it.
        rmas.with_user(SUPERUSER_ID)._send_draft_email()
        return response

    @http.route()
    def request_sale_rma(self, order_id, access_token=None, **kw):
        self._rma_portal_order(order_id, access_token)
        return super().request_sale_rma(order_id, access_token=access_token, **kw)

    def _rma_portal_order(self, order_id, access_token):
        """The order, if the visitor may see it (their own, or with its link); 404 otherwise, as for any order."""
        return _check_access(self, "sale.order", order_id, access_token)

    def _rma_portal_refuse(self, order_sudo, access_token, message, status=400):
        """The request page again, with what to change."""
        values = {
            "sale_order": order_sudo,
            "page_name": "request_rma",
            "default_url": order_sudo.get_portal_url(),
            "token": access_token,
            "partner_id": order_sudo.partner_id.id,
            "res_company": order_sudo.company_id,
            "rma_portal_error": message,
        }
        return request.render("rma_sale.request_rma_single_page", values, status=status)

    def _rma_portal_photos(self, uploads):
        """The photos sent with the request as `(name, content)`: JPEG or PNG by their content, within the limits."""
        env = request.env
        if len(uploads) > MAX_PHOTOS:
            raise UserError(env._("Send at most %(count)s photos.", count=MAX_PHOTOS))
        photos = []
        for upload in uploads:
            name = upload.filename[-100:]
            content = upload.read(MAX_PHOTO_BYTES + 1)
            if len(content) > MAX_PHOTO_BYTES:
                raise UserError(
                    env._("%(name)s is larger than %(size)s MB.", name=name, size=MAX_PHOTO_BYTES // (1024 * 1024))
                )
            if guess_mimetype(content) not in PHOTO_MIMETYPES:
                raise UserError(env._("%(name)s is not a photo: send JPEG or PNG images.", name=name))
            try:
                # Odoo's own image check: refuses what PIL cannot open and images of too many pixels; then every
                # pixel is decoded, so that a cut or forged file is refused here rather than when shown.
                ImageProcess(content).image.load()
            except (UserError, OSError, ValueError, SyntaxError):
                raise UserError(
                    env._(
                        "%(name)s could not be read as a photo of at most %(megapixels)s megapixels.",
                        name=name,
                        megapixels=int(IMAGE_MAX_RESOLUTION / 1e6),
                    )
                ) from None
            photos.append((name, content))
        return photos


class ReturnPortal(PortalRma):
    """rma's pages of the customer's returns: someone else's return is a 404, odd parameters are ignored."""

    @http.route()
    def portal_my_rmas(self, page=1, date_begin=None, date_end=None, sortby=None, **kw):
        page = parse_id(str(page)) or 1
        sortby = sortby if sortby in SORTINGS else None
        if not (self._rma_portal_datetime(date_begin) and self._rma_portal_datetime(date_end)):
            date_begin = date_end = None
        return super().portal_my_rmas(page=page, date_begin=date_begin, date_end=date_end, sortby=sortby, **kw)

    @http.route()
    def portal_my_rma_detail(self, rma_id, access_token=None, report_type=None, download=False, **kw):
        _check_access(self, "rma", rma_id, access_token)
        return super().portal_my_rma_detail(
            rma_id, access_token=access_token, report_type=report_type, download=download, **kw
        )

    def _get_filter_domain(self, kw):
        kw = dict(kw)
        filtered_by_order = "sale_id" in kw
        sale_id = parse_id(kw.pop("sale_id", None))
        domain = super()._get_filter_domain(kw)
        if filtered_by_order:
            # An unreadable order id shows no return rather than failing.
            domain.append(("order_id", "=", sale_id or False))
        return domain

    def _picking_check_access(self, rma_id, picking_id, access_token=None):
        # rma checks the RMA's link but not that the transfer is the RMA's: with one return's link, any other
        # customer's delivery slip could be printed.
        try:
            picking_sudo = super()._picking_check_access(rma_id, picking_id, access_token=access_token)
            rma_sudo = request.env["rma"].sudo().browse(rma_id).exists()
        except MissingError:
            raise AccessError(request.env._("This transfer does not exist.")) from None
        if picking_sudo not in rma_sudo.reception_move_id.picking_id | rma_sudo.delivery_move_ids.picking_id:
            raise AccessError(request.env._("This transfer is not part of this return."))
        return picking_sudo

    @staticmethod
    def _rma_portal_datetime(text):
        """Whether `text` is empty or a date and time the ORM reads; the list ignores the dates otherwise."""
        if not text:
            return True
        try:
            fields.Datetime.to_datetime(text)
        except ValueError:
            return False
        return True
