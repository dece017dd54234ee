from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from .common import make_shoe_catalogue


@tagged("post_install", "-at_install")
class TestSizeStock(TransactionCase):
    """Stock per size is website_sale_stock's: the figure its add-to-cart check and combination info use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.runner = make_shoe_catalogue(cls.env)["vn"]
        cls.runner.write({"is_storable": True, "available_threshold": 5, "allow_out_of_stock_order": False})
        cls.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": cls.runner.id, "size_from": "40", "size_to": "42"}
        ).action_create_size_run()
        cls.variants = {
            variant.product_template_attribute_value_ids.name: variant for variant in cls.runner.product_variant_ids
        }
        cls.website = cls.env.ref("website.default_website")
        company = cls.website.company_id
        cls.shop_warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        cls.other_warehouse = cls.env["stock.warehouse"].create(
            {"name": "Outlet", "code": "OUTL", "company_id": company.id}
        )
        # An internal location in no warehouse (a repair shelf): Odoo's free quantity never counts it.
        cls.shelf = cls.env["stock.location"].create({"name": "Repair shelf", "usage": "internal"})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.variants["40"], cls.shop_warehouse.lot_stock_id, 10)
        Quant._update_available_quantity(cls.variants["41"], cls.other_warehouse.lot_stock_id, 3)
        Quant._update_available_quantity(cls.variants["42"], cls.shelf, 4)

    def _states(self, website):
        stock = self.runner._shoe_size_stock(website)
        rows = self.runner._shoe_size_rows("eu")
        return {
            size["label"]: (stock[size["variant"].id]["state"], stock[size["variant"].id]["qty"])
            for row in rows for size in row["sizes"]
        }

    def _odoo_figures(self, website):
        return {
            name: int(website._get_product_available_qty(variant.sudo())) for name, variant in self.variants.items()
        }

    def test_sizes_show_website_sale_stock_quantities(self):
        for warehouse in (self.env["stock.warehouse"], self.shop_warehouse, self.other_warehouse):
            self.website.warehouse_id = warehouse
            with self.subTest(warehouse=warehouse.name):
                states = self._states(self.website)
                self.assertEqual(
                    {label: qty for label, (_state, qty) in states.items()}, self._odoo_figures(self.website)
                )
        self.website.warehouse_id = self.other_warehouse
        self.assertEqual(
            self._states(self.website),
            {"40": ("out_of_stock", 0), "41": ("few_left", 3), "42": ("out_of_stock", 0)},
            "only the website's warehouse counts; stock on a shelf of no warehouse never does",
        )

    def test_sizes_follow_overrides_of_the_website_availability(self):
        # An addon changing what the website may sell (e.g. quantities held at checkout) changes the sizes too.
        with patch.object(type(self.website), "_get_product_available_qty", lambda website, product, **kw: 1.0):
            states = self._states(self.website)
        self.assertEqual(set(states.values()), {("few_left", 1)})
