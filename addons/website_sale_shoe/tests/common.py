from odoo.fields import Command

# Options of the product search as the shop's search box sends them.
SEARCH_OPTIONS = {
    "displayImage": False,
    "displayDescription": True,
    "displayExtraLink": False,
    "displayDetail": False,
    "allowFuzzy": True,
}


def make_shoe_catalogue(env):
    """A small published catalogue shared by the search and page tests; returns a dict of its records."""
    # Brand names of their own: product_shoe's demo data already has Trailmark and Citywalk.
    env = env(context=dict(env.context, tracking_disable=True))
    Brand = env["shoe.brand"]
    trailmark, citywalk, trailco = Brand.create(
        [{"name": "Peakline Test"}, {"name": "Urbanstep Test"}, {"name": "Trail Co"}]
    )
    colour = env["product.attribute"].create({"name": "Test colour", "display_type": "color"})
    crimson, black = env["product.attribute.value"].create(
        [{"attribute_id": colour.id, "name": "Crimson"}, {"attribute_id": colour.id, "name": "Black"}]
    )
    category = env["product.public.category"].create({"name": "Trail running"})
    Template = env["product.template"]
    common = {"is_published": True, "sale_ok": True, "is_shoe": True, "list_price": 100}
    records = {
        "trailmark": trailmark,
        "citywalk": citywalk,
        "trailco": trailco,
        "crimson": crimson,
        "black": black,
        "category": category,
        "vn": Template.create(
            {
                **common,
                "name": "Giày chạy bộ Trail",
                "shoe_brand_id": trailmark.id,
                "default_code": "GCB-01",
                "shoe_gender": "men",
                "shoe_width": "wide",
                "shoe_category": "running",
            }
        ),
        "sneaker": Template.create(
            {
                **common,
                "name": "Sneaker Classic",
                "shoe_brand_id": citywalk.id,
                "shoe_gender": "women",
                # Not "sneakers": its Spanish label "Zapatillas" would make the Zapatíllas test ambiguous.
                "shoe_category": "casual",
                "attribute_line_ids": [
                    Command.create({"attribute_id": colour.id, "value_ids": [Command.set(crimson.ids)]})
                ],
            }
        ),
        "zapatillas": Template.create(
            {**common, "name": "Zapatíllas Runner", "shoe_brand_id": citywalk.id, "shoe_gender": "women"}
        ),
        "exact": Template.create({**common, "name": "Trail", "shoe_gender": "unisex"}),
        "brand_only": Template.create({**common, "name": "Mountain Boot", "shoe_brand_id": trailco.id}),
        "category_only": Template.create(
            {**common, "name": "City Walker", "public_categ_ids": [Command.set(category.ids)]}
        ),
        "hidden": Template.create({**common, "name": "Secret Trail Prototype", "is_published": False}),
    }
    env.flush_all()
    return records
