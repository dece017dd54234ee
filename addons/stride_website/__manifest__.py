{
    "name": "Stride Website",
    "summary": "Stride's storefront: a home page that sells (promotion, categories, new arrivals, bestsellers, brands, "
    "personalised gifts, newsletter), Stride's privacy page and SEO defaults for shop categories",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # website_sale_shoe: the brand links open the shop filtered by brand (?brand=); sale_gift_personalization marks
    # the personalised gifts; website_mass_mailing: the newsletter block; website_blog: the shop's journal.
    "depends": [
        "website_sale",
        "website_blog",
        "website_mass_mailing",
        "website_sale_shoe",
        "sale_gift_personalization",
    ],
    "data": [
        "data/website_snippet_filter_data.xml",
        "views/website_snippet_templates.xml",
        "views/website_home_templates.xml",
        "views/website_layout_templates.xml",
        "views/website_legal_templates.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
