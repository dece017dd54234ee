import lxml.html

from odoo.tests import HttpCase, tagged

from .common import make_storefront

# The home page's dynamic blocks (CSS class of the block) and the website.snippet.filter feeding each.
DYNAMIC_BLOCKS = {
    "o_stride_home_categories": "website_sale.dynamic_filter_category_list",
    "o_stride_home_new_arrivals": "website_sale.dynamic_filter_newest_products",
    "o_stride_home_bestsellers": "website_sale.dynamic_filter_latest_sold_products",
    "o_stride_home_brands": "stride_website.dynamic_filter_shoe_brands",
    "o_stride_home_gifts": "stride_website.dynamic_filter_personalised_gifts",
}
# Run in the visitor's browser: resolves once every dynamic block of the home page shows items, fails after 60 s
# naming the blocks still empty.
FILLED_BLOCKS_JS = """
    const blocks = %s;
    const empty = () => blocks.filter(
        (name) => !document.querySelector(`.${name} .dynamic_snippet_template`)?.children.length
    );
    const started = Date.now();
    const check = () => {
        if (!empty().length) {
            console.log("test successful");
        } else if (Date.now() - started > 60000) {
            console.error(`Home page blocks still empty: ${empty().join(", ")}`);
        } else {
            setTimeout(check, 250);
        }
    };
    check();
"""
# Odoo's placeholders that must not show on Stride's pages (website's demo company, account's suggested terms).
ODOO_TERMS_PLACEHOLDERS = ("You should update this document", "STANDARD TERMS AND CONDITIONS", "Odoo S.A.")
HOME_TITLE = "Stride: shoes that fit, personalised gifts"
HOME_DESCRIPTION = ("Running, walking and everyday shoes in true sizes with a size guide per brand, and gifts "
                    "personalised for you.")
# The first page in a newly activated language compiles its templates: slow on a loaded machine.
FIRST_PAGE_TIMEOUT = 60


@tagged("post_install", "-at_install")
class TestHomePage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.store = make_storefront(cls.env)
        # A confirmed web order makes the shoe a bestseller.
        customer = cls.env["res.partner"].create({"name": "Zeta Customer", "email": "zeta@example.com"})
        order = cls.env["sale.order"].create({
            "partner_id": customer.id,
            "website_id": cls.website.id,
            "order_line": [(0, 0, {"product_id": cls.store["shoe"].product_variant_id.id, "product_uom_qty": 1})],
        })
        order.action_confirm()

    def _home(self, url="/", **kwargs):
        response = self.url_open(url, **kwargs)
        self.assertEqual(response.status_code, 200)
        return lxml.html.fromstring(response.text)

    def _block(self, page, css_class):
        blocks = page.xpath(f"//div[@id='wrap']//section[contains(concat(' ', @class, ' '), ' {css_class} ')]")
        self.assertEqual(len(blocks), 1, css_class)
        return blocks[0]

    def _filter_items(self, block):
        """What the browser asks Odoo for to fill a dynamic block: the block's rendered items, as one HTML text."""
        items = self.make_jsonrpc_request("/website/snippet/filters", {
            "filter_id": int(block.get("data-filter-id")),
            "template_key": block.get("data-template-key"),
            "limit": int(block.get("data-number-of-records")),
            "search_domain": [],
        })
        return "".join(items)

    def test_hero_calls_to_the_shop(self):
        hero = self._block(self._home(), "o_stride_home_hero")
        self.assertTrue(hero.xpath(".//h1"))
        self.assertEqual(hero.xpath(".//a[contains(@class, 'btn')]/@href"), ["/shop"])

    def test_dynamic_blocks_use_the_catalogue_filters(self):
        page = self._home()
        for css_class, xmlid in DYNAMIC_BLOCKS.items():
            with self.subTest(block=css_class):
                block = self._block(page, css_class)
                self.assertEqual(int(block.get("data-filter-id")), self.env.ref(xmlid).id)
                self.assertIn("o_dynamic_snippet_empty", block.get("class"), "filled by the browser, not hard-coded")
                self.assertFalse(block.xpath(".//div[contains(@class, 'dynamic_snippet_template')]/*"))

    def test_blocks_show_the_live_catalogue(self):
        page = self._home()
        store = self.store
        expected = {
            "o_stride_home_categories": [store["category"].name, f'data-category-id="{store["category"].id}"'],
            "o_stride_home_new_arrivals": [store["shoe"].name, store["gift"].name],
            "o_stride_home_bestsellers": [store["shoe"].name],
            "o_stride_home_brands": [store["brand"].name, f"/shop?brand={store['brand'].id}"],
            "o_stride_home_gifts": [store["gift"].name],
        }
        for css_class, texts in expected.items():
            with self.subTest(block=css_class):
                items = self._filter_items(self._block(page, css_class))
                for text in texts:
                    self.assertIn(text, items)
        gifts = self._filter_items(self._block(page, "o_stride_home_gifts"))
        self.assertNotIn(store["shoe"].name, gifts, "only personalised products are gifts")

    def test_browser_fills_every_block_from_the_catalogue(self):
        self.browser_js("/", FILLED_BLOCKS_JS % list(DYNAMIC_BLOCKS), ready="document.readyState === 'complete'",
                        timeout=120)

    def test_unpublished_products_stay_off_the_home_page(self):
        self.store["shoe"].is_published = False
        items = self._filter_items(self._block(self._home(), "o_stride_home_new_arrivals"))
        self.assertNotIn(self.store["shoe"].name, items)
        self.assertIn(self.store["gift"].name, items)

    def test_newsletter_subscribes_to_the_newsletter_list(self):
        newsletter = self._block(self._home(), "o_stride_home_newsletter")
        self.assertEqual(int(newsletter.get("data-list-id")), self.env.ref("mass_mailing.mailing_list_data").id)
        self.assertTrue(newsletter.xpath(".//input[@name='email']"))

    def test_home_page_carries_strides_seo_texts(self):
        # The page "/" renders is the website's own copy of Odoo's home page (website's _bootstrap_homepage), not the
        # generic website.homepage_page.
        page = self._home()
        self.assertEqual(page.xpath("//title")[0].text, HOME_TITLE)
        self.assertEqual(page.xpath("//meta[@name='description']/@content"), [HOME_DESCRIPTION])
        self.assertEqual(page.xpath("//meta[@property='og:title']/@content"), [HOME_TITLE])

    def test_legal_pages_are_stride_texts(self):
        footer_links = self._home().xpath("//footer//span[contains(@class, 'o_stride_legal_links')]//a/@href")
        self.assertEqual(footer_links, ["/terms", "/privacy"])
        privacy = self.url_open("/privacy")
        self.assertEqual(privacy.status_code, 200)
        self.assertIn("never see your card number", privacy.text)
        terms_page = self._home("/terms")
        terms = " ".join(terms_page.text_content().split())
        for stride_text in ("Terms of sale", "return window", "refund", "cannot be returned unless it is faulty",
                            "import duties", "privacy policy"):
            self.assertIn(stride_text, terms)
        for placeholder in ODOO_TERMS_PLACEHOLDERS:
            self.assertNotIn(placeholder, terms)
        self.assertIn("/privacy", terms_page.xpath("//div[@id='o_terms_conditions']//a/@href"))

    def test_pages_show_stride_texts_not_odoo_placeholders(self):
        placeholders = ("yourcompany.example.com", "555-555-5556", "Fake Buena Vista", "3575",
                        "We are a team of passionate people")
        for url, texts in (("/", ["Copyright © Stride", "About Stride"]),
                           ("/contactus", ["Our customer service answers within one working day"]),
                           ("/aboutus", ["Stride is a shoe and gift shop"])):
            with self.subTest(url=url):
                text = " ".join(self._home(url).text_content().split())
                for stride_text in texts:
                    self.assertIn(stride_text, text)
                for placeholder in placeholders:
                    self.assertNotIn(placeholder, text)

    def test_home_page_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["stride_website"], ["fr_FR"], overwrite=True)
        self.website.language_ids |= self.env.ref("base.lang_fr")
        page = self._home("/fr/", timeout=FIRST_PAGE_TIMEOUT)
        text = " ".join(page.text_content().split())
        self.assertIn("Des chaussures qui vous vont", text)
        self.assertIn("Nouveautés", text)
        self.assertNotIn("New arrivals", text)
        privacy = self.url_open("/fr/privacy", timeout=FIRST_PAGE_TIMEOUT)
        self.assertIn("Politique de confidentialité", privacy.text)
        self.assertIn("nous ne voyons jamais votre numéro de carte", privacy.text)
        self.assertEqual(page.xpath("//title")[0].text,
                         "Stride : des chaussures qui vous vont, des cadeaux personnalisés")
        terms = " ".join(self._home("/fr/terms", timeout=FIRST_PAGE_TIMEOUT).text_content().split())
        self.assertIn("Conditions de vente", terms)
        self.assertIn("ne peut être retourné que s'il est défectueux", terms)
        self.assertIn("droits de douane", terms)

