from odoo.tests import tagged

from .common import ShoeCase


@tagged("post_install", "-at_install")
class TestBrandFitNote(ShoeCase):
    """The fit note a shoe's page shows is cached per brand and language; any change to it shows at once."""

    def test_fit_note_is_read_once_then_follows_every_change(self):
        Brand = self.env["shoe.brand"]
        self.brand.fit_note = "Runs small"
        self.assertEqual(Brand._get_fit_note(self.brand.id), "Runs small")
        with self.assertQueryCount(0):
            self.assertEqual(Brand._get_fit_note(self.brand.id), "Runs small")
        self.brand.fit_note = "Runs half a size small"
        self.assertEqual(Brand._get_fit_note(self.brand.id), "Runs half a size small")
        self.brand.fit_note = False
        self.assertEqual(Brand._get_fit_note(self.brand.id), "")
        self.assertEqual(Brand._get_fit_note(False), "")

    def test_fit_note_follows_its_translations(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.brand.fit_note = "Runs small"
        French = self.env["shoe.brand"].with_context(lang="fr_FR")
        self.assertEqual(French._get_fit_note(self.brand.id), "Runs small")
        self.brand.update_field_translations("fit_note", {"fr_FR": "Taille petit"})
        self.assertEqual(French._get_fit_note(self.brand.id), "Taille petit")
        self.assertEqual(self.env["shoe.brand"]._get_fit_note(self.brand.id), "Runs small")
