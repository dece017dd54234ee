from odoo.tests import TransactionCase


class ShoeCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.brand = cls.env["shoe.brand"].create({"name": "Runsmall"})
        cls.brand_chart = cls.env["shoe.size.chart"].create(
            {
                "name": "Runsmall chart",
                "brand_id": cls.brand.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "foot_length_mm": 255,
                            "size_eu": 40,
                            "size_uk": 6.5,
                            "size_us_men": 7.5,
                            "size_us_women": 9,
                            "size_jp": 25.5,
                        },
                    )
                ],
            }
        )
        colour = cls.env["product.attribute"].create({"name": "Shoe colour", "display_type": "color"})
        cls.black, cls.white, cls.red = cls.env["product.attribute.value"].create(
            [
                {"attribute_id": colour.id, "name": "Black", "html_color": "#000000"},
                {"attribute_id": colour.id, "name": "White", "html_color": "#ffffff"},
                {"attribute_id": colour.id, "name": "Red", "html_color": "#ff0000"},
            ]
        )
        cls.template = cls.env["product.template"].create(
            {"name": "Trail Runner", "default_code": "TRAIL", "shoe_brand_id": cls.brand.id}
        )

    def _size_run(self, template=None, **values):
        wizard = self.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": (template or self.template).id, "size_from": "36", "size_to": "46", **values}
        )
        wizard.action_create_size_run()
        return wizard
