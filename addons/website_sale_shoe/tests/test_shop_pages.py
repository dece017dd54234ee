import json
import logging
from contextlib import ExitStack, contextmanager
from unittest.mock import patch

import lxml.html

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import make_shoe_catalogue

_logger = logging.getLogger(__name__)


@contextmanager
def plain_odoo():
    """This addon's Python overrides of the shop replaced by Odoo's own methods, for a plain Odoo twin of a page."""
    from odoo.addons.website_sale.controllers.main import WebsiteSale

    from ..controllers.main import WebsiteSaleShoe
    from ..models.product_template import ProductTemplate
    from ..models.website import Website

    with ExitStack() as stack:
        for name in (
            "_get_search_options",
            "_get_shop_domain",
            "_shop_get_query_url_kwargs",
            "_get_additional_shop_values",
            "_prepare_product_values",
        ):
            stack.enter_context(patch.object(WebsiteSaleShoe, name, getattr(WebsiteSale, name)))
        model_methods = [
            (ProductTemplate, "_search_get_detail"),
            (ProductTemplate, "_search_fetch"),
            (ProductTemplate, "_get_additionnal_combination_info"),
            (Website, "_search_find_fuzzy_term"),
        ]
        for cls, name in model_methods:
            stack.enter_context(patch.object(cls, name, _calling_super(cls, name)))
        yield


def _calling_super(cls, name):
    def method(self, *args, **kwargs):
        return getattr(super(cls, self), name)(*args, **kwargs)

    return method


# Ceilings of a public visitor's warm page in this test (demo data installed, the harness default): measured 56
# (/shop), 52 (search and filters) and 64 (product page) against 53, 53 and 63 for plain Odoo's same routes, and 58 /
# 53 / 66-68 with the whole stride stack and its demo shop. The issue's own rule, at most three queries above plain
# Odoo's same route, is checked relatively by the plain-twin tests below. The product page reads no brand since its fit
# note is cached: 67 measured with the whole stride stack on 2026-11-30, 68 once the gift personalisation addons joined
# it (same day).
QUERY_BUDGET = {"shop": 62, "search": 54, "product": 68}


@tagged("post_install", "-at_install")
class TestShopPages(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shoes = make_shoe_catalogue(cls.env)
        # Only this catalogue on the shop, whatever the database holds (e.g. the stride demo shop's shoes).
        ours = [record.id for record in cls.shoes.values() if record._name == "product.template"]
        cls.env["product.template"].search([("id", "not in", ours), ("is_published", "=", True)]).is_published = False
        cls.runner = cls.shoes["vn"]
        cls.runner.write({"is_storable": True, "available_threshold": 5, "allow_out_of_stock_order": False})
        cls.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": cls.runner.id, "size_from": "40", "size_to": "42"}
        ).action_create_size_run()
        cls.variants = {
            variant.product_template_attribute_value_ids.name: variant for variant in cls.runner.product_variant_ids
        }
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.variants["40"], cls.warehouse.lot_stock_id, 10)
        Quant._update_available_quantity(cls.variants["41"], cls.warehouse.lot_stock_id, 3)

    def _page(self, url):
        response = self.url_open(url, timeout=60)  # a loaded machine (CI, helpers) outlasts the default 12 s
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _deliver(self, variant, quantity):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": variant.id,
                            "product_uom_qty": quantity,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def test_shop_search_is_accent_insensitive_and_typo_tolerant(self):
        html = self._page("/shop?search=giay+chay+bo")
        self.assertIn("Giày chạy bộ Trail", html)
        self.assertNotIn("Sneaker Classic", html)
        self.assertIn("Sneaker Classic", self._page("/shop?search=snaeker"))

    def test_shop_bad_search_input_is_never_a_server_error(self):
        for query in ("%25", "_", "%5C", "%27", "%22", "%25_%5C%27", "", "x" * 10_000, "%00"):
            self._page(f"/shop?search={query}")
        for params in ("brand=abc", "brand=-1,999999999999", "gender=alien", "width=%27", "shoe_category=%25"):
            self._page(f"/shop?{params}")

    def test_shop_unknown_sort_order_tags_page_or_category_are_dropped_not_a_server_error(self):
        # Odoo handed them on unchecked: an ORDER BY the ORM refuses, a tag id, page or category that int() refuses.
        self.env.ref("website_sale.filter_products_tags").active = True
        for params in ("order=evil", "order=name+asc%3B+select", "order=%3Cscript%3E", "tags=abc", "tags=%C2%B2",
                       "tags=summer-x,%C2%B2-1,summer-3", "order=list_price+desc&tags=%00", "order=name+asc",
                       "page=%C2%B2", "category=%C2%B2"):
            self.assertIn("Giày chạy bộ Trail", self._page(f"/shop?search=giay&{params}"), params)
        self._page("/shop?tags=summer-x,-1,3")  # the ids among them still filter the shop

    def test_autocomplete_uses_the_same_search(self):
        response = self.url_open(
            "/website/snippet/autocomplete",
            data=json.dumps(
                {
                    "params": {
                        "search_type": "products",
                        "term": "zapatilas",
                        "order": "name asc",
                        "limit": 5,
                        "max_nb_chars": 50,
                        "options": {
                            "displayImage": False,
                            "displayDescription": False,
                            "displayExtraLink": False,
                            "displayDetail": False,
                            "allowFuzzy": True,
                        },
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        result = response.json()["result"]
        # First, not alone: with the shop languages installed, "Zapatillas" also names the sneakers category.
        self.assertEqual(result["results"][0]["name"], "Zapatíllas Runner")
        self.assertFalse(result["fuzzy_search"])

    def test_filters_are_links_with_counts_and_combine(self):
        html = self._page("/shop")
        self.assertIn('data-shoe-filter="brand"', html)
        citywalk = self.shoes["citywalk"]
        html = self._page(f"/shop?brand={citywalk.id}")
        self.assertIn("Sneaker Classic", html)
        self.assertIn("Zapatíllas Runner", html)
        self.assertNotIn("Giày chạy bộ Trail", html)
        html = self._page(f"/shop?brand={citywalk.id}&gender=women&search=sneaker")
        self.assertIn("Sneaker Classic", html)
        self.assertNotIn("Zapatíllas Runner", html)
        self.assertIn(f"brand={citywalk.id}", html, "filter links keep the other filters (shareable URLs)")
        self.assertNotIn("Sneaker Classic", self._page("/shop?width=narrow"))
        crimson = self.shoes["crimson"]
        html = self._page(f"/shop?attribute_values={crimson.attribute_id.id}-{crimson.id}&gender=women")
        self.assertIn("Sneaker Classic", html, "Odoo's colour filter combines with ours")
        self.assertNotIn("Zapatíllas Runner", html)

    def test_clear_filters_clears_the_shoe_filters_too(self):
        citywalk = self.shoes["citywalk"]
        url = f"/shop?brand={citywalk.id}&gender=women&width=standard&shoe_category=sneakers&size_system=eu&size=41"
        tree = lxml.html.fromstring(self._page(url))
        clear_links = tree.xpath("//a[@title='Clear Filters']")
        self.assertEqual(len(clear_links), 2, "the sidebar and the phone panel both offer to clear")
        for link in clear_links:
            href = link.get("href")
            for param in ("brand=", "gender=", "width=", "shoe_category=", "size="):
                self.assertNotIn(param, href.replace("size_system=", ""))
            self.assertIn("size_system=eu", href, "the size system is a reading preference, not a filter")
            self.assertNotIn("disabled", link.get("class"))
        dot = "//button[@data-bs-target='#o_wsale_offcanvas']/span"
        self.assertTrue(tree.xpath(dot), "the 'filters active' dot shows")
        cleared = self._page(clear_links[0].get("href"))
        self.assertNotIn("fa-check-square-o", cleared, "no shoe filter value is chosen any more")
        tree = lxml.html.fromstring(self._page("/shop"))
        self.assertFalse(tree.xpath(dot), "no filter, no dot")
        phone_clear = tree.xpath("//aside[@id='o_wsale_offcanvas']//a[@title='Clear Filters']")[0]
        self.assertIn("disabled", phone_clear.get("class"))

    def _size_stock(self, variant):
        """The stock of every size, as the product page's browser receives it with Odoo's combination info."""
        info = self.make_jsonrpc_request(
            "/website_sale/get_combination_info",
            {
                "product_template_id": self.runner.id,
                "product_id": variant.id,
                "combination": variant.product_template_attribute_value_ids.ids,
                "add_qty": 1,
            },
        )
        return {name: info["shoe_size_stock"][str(variant.id)] for name, variant in self.variants.items()}

    def test_product_page_shows_stock_per_size_and_follows_deliveries(self):
        html = self._page(self.runner.website_url)
        self.assertIn(f'data-variant-id="{self.variants["41"].id}"', html)
        self.assertNotIn("Only 3 left", html, "the page itself reads no stock, like Odoo's own")
        stock = self._size_stock(self.variants["40"])
        self.assertEqual({name: size["state"] for name, size in stock.items()},
                         {"40": "in_stock", "41": "few_left", "42": "out_of_stock"})
        self.assertEqual(stock["41"]["note"], "Only 3 left")
        self._deliver(self.variants["40"], 8)
        self.assertEqual(self._size_stock(self.variants["42"])["40"]["note"], "Only 2 left")

    def test_stock_of_every_size_costs_what_odoo_reads_for_one_variant(self):
        # Odoo's combination info already reads the chosen variant's stock; the sizes are one prefetch batch with it.
        self.authenticate(None, None)
        variant = self.variants["40"]
        self._size_stock(variant)
        with plain_odoo():
            self.env.flush_all()
            before = self.cr.sql_log_count
            self.make_jsonrpc_request(
                "/website_sale/get_combination_info",
                {"product_template_id": self.runner.id, "product_id": variant.id,
                 "combination": variant.product_template_attribute_value_ids.ids, "add_qty": 1},
            )
            plain = self.cr.sql_log_count - before
        self.env.flush_all()
        before = self.cr.sql_log_count
        self._size_stock(variant)
        ours = self.cr.sql_log_count - before
        _logger.info("Combination info of a shoe with three sizes: %d queries, plain Odoo %d", ours, plain)
        self.assertLessEqual(ours, plain + 2, f"{ours} queries, plain Odoo {plain}")

    def test_size_grid_shows_the_stock_once_the_page_is_shown(self):
        self.start_tour(self.runner.website_url, "website_sale_shoe_size_stock")

    def test_size_system_is_chosen_and_remembered(self):
        html = self._page(f"{self.runner.website_url}?size_system=uk")
        self.assertIn(">6.5<", html)
        self.assertIn('<option value="uk" selected', html)
        html = self._page(self.runner.website_url)
        self.assertIn('<option value="uk" selected', html, "the choice is remembered")
        html = self._page(f"{self.runner.website_url}?size_system=mars")
        self.assertIn('<option value="uk" selected', html, "an unknown system is ignored")

    def test_variant_picker_labels_sizes_in_the_visitors_system(self):
        size_line = self.runner.attribute_line_ids.filtered("attribute_id.shoe_size_system")
        eu_values = {ptav.id: ptav.name for ptav in size_line.product_template_value_ids}
        page = lxml.html.fromstring(self._page(f"{self.runner.website_url}?size_system=uk"))
        pills = page.xpath(f"//li[contains(@class, 'o_variant_pills')][input[@name='ptal-{size_line.id}']]")
        self.assertEqual(
            {eu_values[int(pill.xpath("input/@value")[0])]: pill.xpath("string(label)").strip() for pill in pills},
            {"40": "6.5", "41": "7", "42": "8"},
            "the pills read UK sizes while their values stay the EU sizes' ids, which add-to-cart sends",
        )
        self.assertEqual(
            {pill.xpath("input/@data-value-name")[0] for pill in pills}, {"40", "41", "42"}, "values are kept"
        )
        # A size off the chart has no UK equivalent: it keeps its own label.
        Value = self.env["product.attribute.value"]
        off_chart_vals = {"attribute_id": size_line.attribute_id.id, "name": "49.5"}
        off_chart = Value.search([(key, "=", value) for key, value in off_chart_vals.items()]) or Value.create(
            off_chart_vals
        )
        half = self.shoes["exact"]
        half.attribute_line_ids = [
            Command.create(
                {
                    "attribute_id": size_line.attribute_id.id,
                    "value_ids": [Command.set((size_line.value_ids[:1] | off_chart).ids)],
                }
            )
        ]
        self.assertEqual(sorted(half._shoe_size_labels("uk").values()), ["49.5", "6.5"])
        page = lxml.html.fromstring(self._page(f"{self.runner.website_url}?size_system=eu"))
        labels = page.xpath(f"//li[input[@name='ptal-{size_line.id}']]/label")
        self.assertEqual({label.xpath("string()").strip() for label in labels}, {"40", "41", "42"})

    def test_shop_size_filter_in_the_visitors_size_system(self):
        html = self._page("/shop?size_system=uk")
        for uk_size in ("6.5", "7", "8"):  # the runner's EU 40 to 42
            self.assertIn(f'data-shoe-value="{uk_size}"', html)
        current = lxml.html.fromstring(html).xpath("//a[@data-size-system][@aria-current='true']")
        self.assertEqual({link.get("data-size-system") for link in current}, {"uk"})
        html = self._page("/shop?size=7")
        self.assertIn("Giày chạy bộ Trail", html, "the system chosen before is remembered")
        self.assertNotIn("Sneaker Classic", html)
        self.assertIn("size_system=uk", html, "size links carry their system: shared URLs mean the same sizes")
        html = self._page("/shop?size_system=us_men&size=8")
        self.assertIn("Giày chạy bộ Trail", html, "US men 8 is the runner's EU 41")
        self.assertIn('data-shoe-value="8"', html)
        self.assertIn('<option value="us_men" selected', self._page(self.runner.website_url), "same preference")
        html = self._page("/shop?size_system=eu&size=41,42")
        self.assertIn("size=8%2C9", html, "switching to US men keeps the chosen sizes, relabelled")
        self.assertNotIn("Giày chạy bộ Trail", self._page("/shop?size_system=eu&size=44"))
        for params in (
            "size=abc",
            "size=999",
            "size=%25,%27",
            "size=nan,inf,-1",
            "size_system=mars&size=41",
            "size=" + "9" * 5000,
        ):
            self._page(f"/shop?{params}")

    def test_size_guide_recommends_a_size_or_explains(self):
        html = self._page(f"{self.runner.website_url}?size_system=eu&foot_mm=252")
        self.assertIn("Recommended size: <b>41</b>", html)
        for bad in ("999", "abc", "-5", "9" * 5000):
            html = self._page(f"{self.runner.website_url}?size_system=eu&foot_mm={bad}")
            self.assertIn("No size fits a foot of", html)

    def test_query_budgets(self):
        self.authenticate(None, None)
        urls = {
            "shop": "/shop",
            "search": f"/shop?search=trail&gender=men&brand={self.shoes['trailmark'].id}",
            "product": self.runner.website_url,
        }
        self._check_query_budgets(urls)
        # More products on the page must not cost more queries.
        self.env["product.template"].create(
            [
                {
                    "name": f"Trail extra {index}",
                    "is_published": True,
                    "sale_ok": True,
                    "is_shoe": True,
                    "shoe_gender": "men",
                    "shoe_brand_id": self.shoes["trailmark"].id,
                }
                for index in range(8)
            ]
        )
        self._check_query_budgets(urls)

    def test_product_page_costs_at_most_three_queries_more_than_a_plain_product(self):
        # The rule, measured in this database whatever else is installed: the same page for the same product
        # without its shoe facts is the page without our additions.
        self.authenticate(None, None)
        plain = self.runner.copy({"name": "Plain twin", "is_shoe": False, "is_published": True})
        counts = {"shoe": self._warm_count(self.runner.website_url), "plain": self._warm_count(plain.website_url)}
        self.assertLessEqual(counts["shoe"], counts["plain"] + 3, counts)

    def test_shop_routes_cost_at_most_three_queries_more_than_plain_odoo(self):
        # Plain Odoo's twin of each route: the same request in this database with this addon's Python switched off
        # (its templates then render nothing: they only show what our controller gives them).
        self.authenticate(None, None)
        urls = {
            "shop": "/shop",
            "search and filters": f"/shop?search=trail&gender=men&brand={self.shoes['trailmark'].id}",
            "typo search": "/shop?search=snaeker",
            "product page": self.runner.website_url,
        }
        for name, url in urls.items():
            with self.subTest(route=name):
                with plain_odoo():
                    plain = self._warm_count(url)
                ours = self._warm_count(url)
                _logger.info("Queries of %s: %d with website_sale_shoe, %d plain Odoo", name, ours, plain)
                self.assertLessEqual(ours, plain + 3, f"{name}: {ours} queries, plain Odoo {plain}")

    def _warm_count(self, url):
        """Queries of a warm request (the first one fills Odoo's caches)."""
        self._page(url)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self._page(url)
        return self.cr.sql_log_count - before

    def _check_query_budgets(self, urls):
        for url in urls.values():
            self._page(url)
        for name, url in urls.items():
            with self.subTest(page=name), self.assertQueryCount(QUERY_BUDGET[name]):
                self._page(url)
