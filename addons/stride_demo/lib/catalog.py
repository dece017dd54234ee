"""The Stride demo catalogue: brands, shoe models, gifts and vendors, generated deterministically.

Nothing here touches Odoo: the demo builder turns these plain values into records.
"""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str


@dataclass(frozen=True)
class Brand:
    name: str
    initial: str
    accent_hex: str
    size_offset_mm: int = 0  # added to the default chart's foot lengths: negative for a brand that runs small
    fit_note: str = ""


@dataclass(frozen=True)
class Category:
    name: str
    silhouette: str  # which drawing the picture uses, see picture.SILHOUETTES
    nouns: tuple[str, ...]
    price_range: tuple[float, float]  # list price in USD
    share: int  # how many of the 40 models belong here
    upper: str  # product_shoe's upper material, sole material and closure codes
    sole: str
    closure: str
    widths: tuple[str, ...] = ("standard",)  # product_shoe widths, taken in turn by the category's models


@dataclass(frozen=True)
class ShoeModel:
    code: str
    name: str
    brand: Brand
    category: Category
    colours: tuple[Colour, ...]
    fit: str  # women, men or unisex: product_shoe's gender
    width: str  # product_shoe's width: narrow, standard, wide or extra_wide
    sizes: tuple[int, ...]
    list_price: float
    cost: float
    description: str


@dataclass(frozen=True)
class Gift:
    code: str
    name: str
    list_price: float
    personalisation: str  # what the customer types in, shown as the custom value's label
    colour: Colour


@dataclass(frozen=True)
class Vendor:
    name: str
    country_code: str
    city: str
    categories: tuple[str, ...]  # category names this vendor supplies
    min_qty: int
    lead_days: int
    price_ratio: float  # vendor price as a share of our cost estimate
    on_time_share: float = 1.0  # share of its receipts that arrive by the promised date
    fill_share: float = 1.0  # share of the ordered quantity a short receipt brings


COLOURS = (
    Colour("Black", "#1f1f24"),
    Colour("White", "#f2f0eb"),
    Colour("Navy", "#1f3a5f"),
    Colour("Red", "#b83227"),
    Colour("Tan", "#c19a6b"),
    Colour("Grey", "#8a8d91"),
    Colour("Olive", "#6b7a3a"),
    Colour("Burgundy", "#7b2334"),
    Colour("Brown", "#6b4226"),
    Colour("Sky Blue", "#4a9fd8"),
    Colour("Coral", "#f26b5b"),
    Colour("Forest Green", "#2e6b4f"),
)

BRANDS = (
    Brand("Aurora Athletics", "A", "#f5a623"),
    Brand("Bellwether", "B", "#d0d3d4"),
    Brand("Cobblestone & Co.", "C", "#e8c07d"),
    Brand("Driftwood", "D", "#8fd3c1"),
    Brand("Ember Trail", "E", "#ff7f50", -5, "Runs half a size small: if you are between sizes, take the larger."),
    Brand("Fjordline", "F", "#9ecbff", 5, "Runs slightly large: if you are between sizes, take the smaller."),
    Brand("Granite Peak", "G", "#c6e377"),
)

CATEGORIES = (
    Category("Running", "runner", ("Runner", "Trainer", "Racer"), (89.0, 179.0), 8, "mesh", "eva", "laces",
             ("standard", "wide", "standard", "narrow")),
    Category("Sneakers", "sneaker", ("Sneaker", "Court", "High-Top"), (69.0, 159.0), 8, "canvas", "rubber", "laces",
             ("standard", "standard", "wide")),
    Category("Casual", "loafer", ("Loafer", "Slip-On", "Boat Shoe"), (59.0, 129.0), 7, "suede", "rubber", "slip_on",
             ("standard", "wide")),
    Category("Formal", "oxford", ("Oxford", "Derby", "Brogue", "Monk Strap"), (119.0, 259.0), 6,
             "leather", "leather", "laces", ("standard", "narrow", "standard")),
    Category("Boots", "boot", ("Chelsea Boot", "Hiking Boot", "Desert Boot"), (129.0, 299.0), 6,
             "leather", "rubber", "zip", ("standard", "extra_wide", "wide")),
    Category("Sandals", "sandal", ("Slide", "Trail Sandal", "Espadrille"), (29.0, 79.0), 5,
             "synthetic", "cork", "buckle"),
)

GIFT_CATEGORY = "Gifts"
# Default alert thresholds (minimum, maximum pairs per variant) of each shoe category: the fast sellers keep more.
ALERT_THRESHOLDS = {
    "Running": (4, 16),
    "Sneakers": (4, 16),
    "Casual": (3, 12),
    "Formal": (2, 8),
    "Boots": (2, 8),
    "Sandals": (3, 12),
}

# Words that make a model name read like a product line, e.g. "Driftwood Tempo Runner".
STYLE_WORDS = (
    "Tempo", "Glide", "Summit", "Harbor", "Metro", "Canyon", "Aspen", "Nimbus", "Voyager", "Coastal",
    "Heritage", "Pulse", "Horizon", "Cascade", "Ridge", "Solstice", "Atlas", "Breeze", "Vista", "Meridian",
    "Juniper", "Lumen", "Orbit", "Quarry", "Sierra", "Tundra", "Willow", "Zephyr", "Cobalt", "Element",
)

SIZE_RANGES = {
    "women": tuple(range(36, 43)),
    "men": tuple(range(40, 47)),
    "unisex": tuple(range(36, 47)),
}
ALL_SIZES = SIZE_RANGES["unisex"]

GIFTS = (
    Gift("GFT-01", "Engraved Shoe Horn", 24.99, "Engraving text", Colour("Walnut", "#7a5230")),
    Gift("GFT-02", "Monogrammed Shoe Bag", 19.99, "Monogram (up to 3 letters)", Colour("Linen", "#d9cbb0")),
    Gift("GFT-03", "Custom Printed Laces", 9.99, "Text printed on the laces", Colour("Coral", "#f26b5b")),
    Gift("GFT-04", "Personalised Gift Card", 50.00, "Message on the card", Colour("Gold", "#d4a017")),
    Gift("GFT-05", "Embroidered Running Socks", 14.99, "Name to embroider", Colour("Sky Blue", "#4a9fd8")),
    Gift("GFT-06", "Leather Care Kit with Initials", 39.99, "Initials on the case", Colour("Brown", "#6b4226")),
    Gift("GFT-07", "Engraved Leather Keyring", 12.99, "Engraving text", Colour("Tan", "#c19a6b")),
    Gift("GFT-08", "Custom Fit Insoles", 34.99, "Name stitched on the heel", Colour("Grey", "#8a8d91")),
    Gift("GFT-09", "Printed Keepsake Shoe Box", 29.99, "Dedication on the lid", Colour("Forest Green", "#2e6b4f")),
    Gift("GFT-10", "Personalised Travel Shoe Pouch", 22.99, "Name on the label", Colour("Navy", "#1f3a5f")),
)

VENDORS = (
    Vendor("Saigon Footwear Manufacturing Co.", "VN", "Ho Chi Minh City",
           ("Running", "Sneakers", "Sandals"), 24, 21, 0.92, 0.6, 0.95),
    Vendor("Porto Leather Works", "PT", "Porto", ("Formal", "Casual", "Boots"), 12, 14, 1.0, 1.0, 1.0),
    Vendor("Guangzhou Sole Industries", "CN", "Guangzhou",
           ("Running", "Sneakers", "Casual", "Sandals", GIFT_CATEGORY), 50, 35, 0.85, 0.9, 0.7),
)

COST_RATIO = 0.45  # what a pair costs us as a share of its list price


def charm_price(value: float) -> float:
    """A shop price near ``value``: rounded to the nearest 5 and ending in .99 (never below 4.99)."""
    return max(5, round(value / 5) * 5) - 0.01


def shoe_models(seed: int = 42) -> list[ShoeModel]:
    """The demo shoe models, one list per seed, always the same for the same seed."""
    rng = random.Random(seed)
    styles = list(STYLE_WORDS)
    rng.shuffle(styles)
    models = []
    for category in CATEGORIES:
        for index in range(category.share):
            brand = rng.choice(BRANDS)
            noun = category.nouns[index % len(category.nouns)]
            style = styles[len(models) % len(styles)]
            colours = tuple(rng.sample(COLOURS, rng.randint(2, 3)))
            fit = rng.choice(("women", "men", "unisex", "unisex"))
            low, high = category.price_range
            price = charm_price(rng.uniform(low, high))
            models.append(ShoeModel(
                code=f"{category.name[:3].upper()}-{index + 1:02d}",
                name=f"{brand.name.split()[0]} {style} {noun}",
                brand=brand,
                category=category,
                colours=colours,
                fit=fit,
                width=category.widths[index % len(category.widths)],
                sizes=SIZE_RANGES[fit],
                list_price=price,
                cost=round(price * COST_RATIO, 2),
                description=(
                    f"The {style} {noun.lower()} by {brand.name}: "
                    f"{category.name.lower()} comfort in {', '.join(c.name.lower() for c in colours)}."
                ),
            ))
    return models


def vendors_for(category_name: str) -> tuple[Vendor, ...]:
    """The vendors that supply a category, cheapest first."""
    return tuple(sorted(
        (vendor for vendor in VENDORS if category_name in vendor.categories),
        key=lambda vendor: vendor.price_ratio,
    ))


def shop_order(models: list[ShoeModel]) -> list[ShoeModel]:
    """The models as the shop lists them: one of each category in turn, so that the first page shows the range."""
    by_category = {}
    for model in models:
        by_category.setdefault(model.category.name, []).append(model)
    columns = list(by_category.values())
    return [column[row] for row in range(max(map(len, columns))) for column in columns if row < len(column)]


def brand_foot_length(default_foot_mm: int, brand: Brand) -> int:
    """Foot length a size of this brand fits, from the default chart's length for the same size label."""
    return default_foot_mm + brand.size_offset_mm
