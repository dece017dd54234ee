from odoo.addons.stride_demo.lib import storefront


def test_product_seo_fits_search_results():
    seo = storefront.product_seo("Driftwood Tempo Runner", "Running", "A light daily trainer. " * 10, "Stride")
    assert seo["website_meta_title"].startswith("Driftwood Tempo Runner, running shoes")
    assert len(seo["website_meta_title"]) <= storefront.TITLE_LENGTH
    assert seo["website_meta_description"].startswith("A light daily trainer.")
    assert len(seo["website_meta_description"]) <= storefront.DESCRIPTION_LENGTH


def test_gifts_are_described_as_gifts():
    seo = storefront.product_seo("Engraved Keyring", "Gifts", "Personalised for you: initials.", "Stride")
    assert "personalised gifts" in seo["website_meta_title"]
    assert "size guide" not in seo["website_meta_description"]
    category = storefront.category_seo("Gifts", "Stride")
    assert category["website_meta_title"] == "Personalised gifts | Stride"


def test_category_seo_names_the_category():
    seo = storefront.category_seo("Boots", "Stride")
    assert seo["website_meta_title"] == "Boots | Stride"
    assert seo["website_meta_description"].startswith("Boots for women")
    assert storefront.category_seo("Running", "Stride")["website_meta_title"] == "Running shoes | Stride"
    assert len(seo["website_meta_description"]) <= storefront.DESCRIPTION_LENGTH
