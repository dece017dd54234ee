"""The demo's personalised gifts and their orders (pure data: the step in models/ makes the records)."""

from collections import namedtuple
from datetime import timedelta

# A personalised order: who (index into the demo customers; None = the `customer` login), what (product key), the
# texts typed (field attribute name -> text), the options chosen (value names), the stage it reached, its age in days.
GiftOrder = namedtuple("GiftOrder", "customer product texts options stage days_ago")

QUOTATION, AWAITING_PACKAGING, PACKAGING = "quotation", "sale", "packaging"
SHIPPING, DELIVERED = "shipping", "delivered"

GIFT_ORDERS = (
    GiftOrder(None, "keyring", {"Personalisation": "Anh & Linh"}, ("Script", "Gold"), AWAITING_PACKAGING, 2),
    GiftOrder(None, "gift_box", {"Greeting card": "Happy birthday, Mai! Love, Huy"}, ("Gift wrap", "With a message"),
              QUOTATION, 1),
    GiftOrder(3, "mug", {"Personalisation": "Best Dad 2026"}, ("Gift wrap",), SHIPPING, 6),
    GiftOrder(7, "keyring", {"Personalisation": "Minh"}, ("Sans", "Silver"), DELIVERED, 12),
    GiftOrder(11, "mug", {}, ("Gift box",), PACKAGING, 3),
    GiftOrder(15, "gift_box", {"Greeting card": "Joyeux anniversaire, Claire !"}, ("Gift wrap", "With a message"),
              DELIVERED, 20),
)


def order_dates(today, orders=GIFT_ORDERS):
    """The order date of each personalised order, in the same order."""
    return [today - timedelta(days=order.days_ago) for order in orders]
