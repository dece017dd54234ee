"""The demo storefront's texts: SEO titles and descriptions of the catalogue, and the blog's first post (no ORM)."""

from textwrap import shorten

from .catalog import GIFT_CATEGORY

# Search engines show about 60 characters of a title and 160 of a description.
TITLE_LENGTH = 60
DESCRIPTION_LENGTH = 160


def kind(category: str) -> str:
    """What a shop category sells, as a plural noun: "running shoes", "boots", "personalised gifts"."""
    if category == GIFT_CATEGORY:
        return "personalised gifts"
    return category.lower() if category.endswith("s") else f"{category.lower()} shoes"


def product_seo(name: str, category: str, description: str, shop: str) -> dict[str, str]:
    """Meta title and description of a product page: its name and category, then its sales pitch."""
    return {
        "website_meta_title": shorten(f"{name}, {kind(category)} | {shop}", width=TITLE_LENGTH, placeholder="…"),
        "website_meta_description": shorten(
            f"{description} Order online at {shop}, with the stock of each size and a size guide per brand."
            if category != GIFT_CATEGORY else f"{description} Order online at {shop}, made to order for you.",
            width=DESCRIPTION_LENGTH, placeholder="…",
        ),
    }


def category_seo(category: str, shop: str) -> dict[str, str]:
    """Meta title and description of a shop category page."""
    title = f"{kind(category).capitalize()} | {shop}"
    if category == GIFT_CATEGORY:
        description = f"Gifts made to order with a name, initials or a message, ready to offer. Shop them at {shop}."
    else:
        description = (
            f"{kind(category).capitalize()} for women, men and kids, in true sizes with a size guide per brand and the "
            f"stock of each size. Shop them at {shop}."
        )
    return {
        "website_meta_title": shorten(title, width=TITLE_LENGTH, placeholder="…"),
        "website_meta_description": shorten(description, width=DESCRIPTION_LENGTH, placeholder="…"),
    }


BLOG_NAME = "Stride journal"
BLOG_SUBTITLE = "Fitting advice, running tips and news from the shop"
BLOG_POST = {
    "name": "How to find your size in any brand",
    "subtitle": "Measure your foot once, then let the size guide do the rest",
    "content": (
        "<p>A size 42 in one brand can be a 41 in another. Instead of guessing, measure your foot once: stand on a "
        "sheet of paper against a wall, mark the tip of your longest toe and measure the distance in millimetres. "
        "Do it in the evening, when your feet are at their largest.</p>"
        "<h3>Use the size guide of the brand</h3>"
        "<p>Every shoe page has a size guide for its brand. Type your foot length and it shows your size in EU, UK, "
        "US or Vietnamese sizes, with a note when the brand runs small or large.</p>"
        "<h3>Check the stock of your size</h3>"
        "<p>The size selector shows which sizes are in stock right now, so you know before checkout whether your pair "
        "is on the shelf.</p>"
        "<p>Not the right fit after all? Ask for a return from your account and we send you another size.</p>"
    ),
}
