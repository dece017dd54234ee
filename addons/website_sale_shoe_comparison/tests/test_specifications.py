import lxml.html

from odoo.tests import HttpCase, tagged

from odoo.addons.website_sale_shoe.tests.common import make_shoe_catalogue


@tagged("post_install", "-at_install")
class TestSpecificationsInTheVisitorsSizeSystem(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.runner = make_shoe_catalogue(cls.env)["vn"]
        cls.env["shoe.size.run.wizard"].create(
            {"product_tmpl_id": cls.runner.id, "size_from": "40", "size_to": "42"}
        ).action_create_size_run()
        # Two values at least: Odoo's table lists multi-value attributes in this row.
        cls.env.ref("website_sale_comparison.product_attributes_body").active = True

    def _size_row(self, url):
        page = lxml.html.fromstring(self.url_open(url).text)
        size_line = self.runner.attribute_line_ids.filtered("attribute_id.shoe_size_system")
        rows = [
            row
            for row in page.xpath("//section[@id='product_full_spec']//tr")
            if size_line.attribute_id.name in row.xpath("string(td[1])")
        ]
        self.assertEqual(len(rows), 1, "one size row in the specifications")
        return " ".join(rows[0].xpath("string(td[1])").split()), " ".join(rows[0].xpath("string(td[2])").split())

    def test_specifications_read_sizes_in_the_pickers_system(self):
        name, sizes = self._size_row(f"{self.runner.website_url}?size_system=uk")
        self.assertEqual(sizes, "6.5, 7, 8", "UK sizes, as the size picker shows them")
        self.assertIn("(UK)", name)
        page = lxml.html.fromstring(self.url_open(self.runner.website_url).text)
        pills = page.xpath("//li[contains(@class, 'o_variant_pills')]//span[hasclass('o_wsale_shoe_size_label')]")
        self.assertEqual([pill.text_content().strip() for pill in pills], ["6.5", "7", "8"], "the same system")
        _name, sizes = self._size_row(f"{self.runner.website_url}?size_system=eu")
        self.assertEqual(sizes, "40, 41, 42")
