from urllib.parse import parse_qsl, urlencode, urlsplit

from odoo.http import request, route

from odoo.addons.website_sale_loyalty.controllers.main import WebsiteSale

from ..lib.throttle import clean_code

# Longer than any page of the shop with its query; a longer ``r`` is someone else's input, not a page to go back to.
MAX_REDIRECT_LENGTH = 512


def _local_path(target, default):
    """``target`` when it is a short path of this site (its query included), else ``default``. Odoo keeps only the
    path of an absolute URL, so ``r`` would still send the customer to any path, any length, someone wrote."""
    if (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and len(target) <= MAX_REDIRECT_LENGTH
        and target.isprintable()
    ):
        return target
    return default


class WebsiteSaleLoyaltyTier(WebsiteSale):
    """The shop's code field (``/shop/pricelist``, and the ``/coupon/<code>`` links) with an attempt limit per
    browser session and per IP address, and one message for every refused code, whatever the reason: whether a
    code exists, expired, was used or does not apply is not told to someone trying codes."""

    def _loyalty_tier_code_refused_message(self):
        return request.env._(
            "This code cannot be used here. Check it, or try again in a few minutes if you tried several codes."
        )

    def _loyalty_tier_throttle(self):
        throttle = request.env["loyalty.code.throttle"].sudo()
        return throttle, throttle._request_keys()

    @route()
    def pricelist(self, promo=None, reward_id=None, **post):
        post["r"] = _local_path(post.get("r"), "/shop/cart")
        if not promo:
            # An empty code resets the pricelist (Odoo's behaviour); nothing is tried.
            return super().pricelist(promo, reward_id=reward_id, **post)
        throttle, keys = self._loyalty_tier_throttle()
        code = clean_code(promo)
        if code is None or throttle._wait_time(keys):
            if code is None:
                throttle._count_failure(keys)
            return self._loyalty_tier_refuse_code(post["r"])
        request.session.pop("error_promo_code", None)
        response = super().pricelist(code, reward_id=reward_id, **post)
        # Odoo refuses a code either with an error in the session (sale_loyalty's reasons) or, when it is no
        # pricelist code either, with ``code_not_available`` in the redirection (website_sale).
        refused = request.session.get("error_promo_code") or "code_not_available" in (response.location or "")
        if not refused:
            return response
        throttle._count_failure(keys)
        return self._loyalty_tier_refuse_code(post["r"])

    def _loyalty_tier_refuse_code(self, redirect):
        request.session["error_promo_code"] = self._loyalty_tier_code_refused_message()
        return request.redirect(redirect)

    @route()
    def activate_coupon(self, code, r="/shop", **kw):
        r = _local_path(r, "/shop")
        throttle, keys = self._loyalty_tier_throttle()
        cleaned = clean_code(code)
        if cleaned is None or throttle._wait_time(keys):
            if cleaned is None:
                throttle._count_failure(keys)
            # No pending code is kept (it would be tried at the next cart update, past the limit); the cart's code
            # field shows the message.
            request.session.pop("pending_coupon_code", None)
            return self._loyalty_tier_refuse_code(r)
        response = super().activate_coupon(cleaned, r=r, **kw)
        location = urlsplit(response.location or "")
        query = parse_qsl(location.query, keep_blank_values=True)
        if not any(name == "coupon_error" for name, _value in query) or ("coupon_error_type", "warning") in query:
            # Applied, or kept for a cart that does not exist yet (Odoo's warning): nothing was refused.
            return response
        throttle._count_failure(keys)
        query = [
            (name, self._loyalty_tier_code_refused_message() if name == "coupon_error" else value)
            for name, value in query
        ]
        return request.redirect(location._replace(query=urlencode(query)).geturl())
