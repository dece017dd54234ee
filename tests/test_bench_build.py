"""scripts/bench build and jobs: the plain module set, the generated catalogue's shape, the checks (pure: no Odoo)."""

import io

from stride_bench import build
from stride_bench.build import count_mismatches, dependency_closure, is_odoo_sa, plain_modules, slowest_modules
from stride_bench.generator import (
    COLOURS,
    COLOURS_PER_TEMPLATE,
    FULL,
    QUICK,
    SEARCH_WORD,
    SIZES,
    shoe_image,
    template_colours,
    template_count,
    template_name,
)
from stride_bench.jobs import JOBS, verdict

DEPENDS = {
    "stride": ["website_sale_shoe", "helpdesk_mgmt_customer_care", "payment_stripe"],
    "website_sale_shoe": ["product_shoe", "website_sale"],
    "product_shoe": ["product"],
    "helpdesk_mgmt_customer_care": ["helpdesk_mgmt"],
    "helpdesk_mgmt": ["mail", "portal"],  # OCA: neither ours nor plain, but its Odoo dependencies are plain
    "stride_demo": ["stride", "hr"],
    "website_sale": ["website", "sale"],
    "website": ["web"], "sale": ["product"], "product": ["base"], "mail": ["base"], "portal": ["web"],
    "payment_stripe": ["payment"], "payment": ["base"], "web": ["base"], "base": [], "hr": ["base"],
}
OURS = ["stride", "website_sale_shoe", "product_shoe", "helpdesk_mgmt_customer_care", "stride_demo"]
ODOO = {"website_sale", "website", "sale", "product", "mail", "portal", "payment_stripe", "payment", "web", "base",
        "hr", "payment_demo"}


def test_closure_holds_the_roots_and_every_dependency_once():
    assert dependency_closure(["website_sale"], DEPENDS) == {"website_sale", "website", "web", "sale", "product",
                                                            "base"}


def test_closure_keeps_an_unknown_module_without_following_it():
    assert dependency_closure(["x"], {"x": ["y"]}) == {"x", "y"}


def test_plain_modules_are_odoo_modules_reached_through_ours_and_oca():
    plain = plain_modules(OURS, DEPENDS, ODOO)
    assert "mail" in plain and "portal" in plain  # reached only through the OCA helpdesk
    assert "helpdesk_mgmt" not in plain and "product_shoe" not in plain


def test_plain_modules_leave_out_what_only_stride_demo_needs_and_add_the_demo_provider():
    plain = plain_modules(OURS, DEPENDS, ODOO)
    assert "hr" not in plain
    assert "payment_demo" in plain
    assert plain == sorted(plain)


def test_odoo_sa_modules_are_those_in_odoo_s_own_folders(tmp_path):
    odoo_dirs = [tmp_path / "odoo" / "addons", tmp_path / "odoo" / "odoo" / "addons"]
    assert is_odoo_sa(odoo_dirs[0] / "l10n_vn", odoo_dirs)  # written by a partner, shipped with Odoo
    assert is_odoo_sa(odoo_dirs[1] / "base", odoo_dirs)
    assert not is_odoo_sa(tmp_path / "site-packages" / "odoo" / "addons" / "helpdesk_mgmt", odoo_dirs)


def test_count_mismatches_names_the_differing_and_missing_labels():
    assert count_mismatches({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 0}) == ["b", "c"]
    assert count_mismatches({"a": 1}, {"a": 1}) == []


def test_slowest_modules_read_from_the_install_log():
    log = (
        "2026-12-02 07:00:00,000 1 DEBUG db odoo.modules.loading: Module loyalty_tier loaded in 2.50s, 300 queries\n"
        "2026-12-02 07:00:01,000 1 INFO db odoo.modules.loading: Module crm_customer_insight loaded in 41.07s, "
        "1200 queries (+3 other)\n"
        "2026-12-02 07:00:02,000 1 DEBUG db odoo.modules.loading: Module stride loaded in 0.30s, 40 queries\n"
    )
    assert slowest_modules(log, limit=2) == [("crm_customer_insight", 41.07, 1200), ("loyalty_tier", 2.5, 300)]


def test_templates_cover_the_variants_wanted():
    per_template = len(SIZES) * COLOURS_PER_TEMPLATE
    assert template_count(FULL.variants) * per_template >= FULL.variants
    assert (template_count(FULL.variants) - 1) * per_template < FULL.variants
    assert template_count(QUICK.variants) == 13


def test_each_template_has_three_different_colours_shifting_along():
    assert len(set(template_colours(4))) == COLOURS_PER_TEMPLATE
    assert template_colours(0)[1:] == template_colours(1)[:-1]
    assert {colour for number in range(len(COLOURS)) for colour in template_colours(number)} == dict(COLOURS).keys()


def test_the_search_word_is_in_a_quick_catalogue():
    assert any(SEARCH_WORD in template_name(number) for number in range(template_count(QUICK.variants)))


def test_shoe_images_are_small_pngs_that_differ():
    from PIL import Image  # noqa: PLC0415 - Pillow is one of Odoo's requirements

    first, second = shoe_image(1), shoe_image(2)
    assert first != second
    assert Image.open(io.BytesIO(first)).size == (256, 256)
    assert len(first) < 10000


def test_verdict_against_a_budget():
    assert verdict(59.9, 60.0) == "pass"
    assert verdict(60.1, 60.0) == "FAIL"
    assert verdict(500.0, None) == "-"


def test_every_budgeted_job_says_where_its_budget_comes_from():
    assert all(job.source for job in JOBS)
    assert {job.method.rsplit(".", 1)[1] for job in JOBS} >= {
        "_cron_send_digest", "_cron_review_tiers", "_insight_check_drift", "action_compute"}


def test_the_plain_database_speaks_the_languages_stride_activates(tmp_path):
    # Read from stride's own data file, so that the two shops keep the same languages.
    assert build.shop_languages() == ["vi_VN", "es_ES", "fr_FR", "de_DE", "zh_CN"]
    data = tmp_path / "res_lang_data.xml"
    data.write_text("""<odoo><function model="res.lang" name="_activate_and_install_lang" eval="[[], 'pt_BR']"/>
        <function model="res.lang" name="_activate_and_install_lang" eval="[[], 'ja_JP']"/></odoo>""")
    assert build.shop_languages(data) == ["pt_BR", "ja_JP"]


def test_the_install_command_loads_the_languages_only_when_asked():
    class Install:
        @staticmethod
        def command():
            return ["odoo-bin"]

    plain = build.odoo_install_command(Install, "c.conf", "db", ["sale", "website"], "x.log", ["vi_VN", "fr_FR"])
    assert plain[-1] == "--load-language=vi_VN,fr_FR" and "-i" in plain
    assert not any(arg.startswith("--load-language") for arg in build.odoo_install_command(
        Install, "c.conf", "db", ["stride"], "x.log"))
