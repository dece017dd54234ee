import base64
import io

from PIL import Image

from odoo.fields import Command


def png(colour="#b83227"):
    """A small PNG picture, base64-encoded as image fields take it."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


def make_storefront(env):
    """A brand, a shop category with a cover picture, a shoe of that brand in it and a personalised gift."""
    brand = env["shoe.brand"].create({"name": "Zetabrand Test", "logo": png("#1b4f72")})
    category = env["product.public.category"].create({"name": "Zeta Trail Shoes", "cover_image": png("#117a65")})
    shoe = env["product.template"].create({
        "name": "Zeta Trail Runner",
        "type": "consu",
        "list_price": 120.0,
        "is_published": True,
        "is_shoe": True,
        "shoe_brand_id": brand.id,
        "public_categ_ids": [Command.set(category.ids)],
        "description_sale": "A light trail shoe with a grippy sole.",
        "image_1920": png("#7d3c98"),
    })
    wrap = env["product.attribute"].create({
        "name": "Zeta gift wrap",
        "create_variant": "no_variant",
        "value_ids": [Command.create({"name": "Red ribbon"})],
    })
    gift = env["product.template"].create({
        "name": "Zeta Engraved Shoe Horn",
        "type": "consu",
        "list_price": 25.0,
        "is_published": True,
        "attribute_line_ids": [Command.create({
            "attribute_id": wrap.id,
            "value_ids": [Command.set(wrap.value_ids.ids)],
            "personalization_kind": "option",
        })],
    })
    return {"brand": brand, "category": category, "shoe": shoe, "gift": gift}
