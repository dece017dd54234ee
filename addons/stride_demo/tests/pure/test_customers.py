from collections import Counter

from odoo.addons.stride_demo.lib.customers import MARKETS, customer_profiles, email_local_part, full_name


def test_two_hundred_customers_always_the_same():
    assert len(customer_profiles()) == 200
    assert customer_profiles(42) == customer_profiles(42)


def test_customers_spread_over_at_least_six_countries():
    countries = Counter(profile.country_code for profile in customer_profiles())
    assert len(countries) >= 6
    assert {"VN", "US", "FR", "DE", "ES", "GB", "JP", "CN"} <= set(countries)


def test_each_customer_has_the_language_and_timezone_of_their_market():
    markets = {market.country_code: market for market in MARKETS}
    for profile in customer_profiles():
        assert profile.lang == markets[profile.country_code].lang
        assert profile.tz == markets[profile.country_code].tz


def test_emails_are_unique_plain_ascii():
    emails = [profile.email for profile in customer_profiles()]
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and email.endswith("@example.com") for email in emails)


def test_email_local_part_folds_accents_and_romanises():
    assert email_local_part("Léa", "Müller") == "lea.muller"
    assert email_local_part("Dũng", "Đặng") == "dung.dang"
    assert email_local_part("伟", "王") == "wei.wang"


def test_names_follow_the_country_order():
    markets = {market.country_code: market for market in MARKETS}
    assert full_name(markets["FR"], "Camille", "Martin") == "Camille Martin"
    assert full_name(markets["VN"], "An", "Nguyễn") == "Nguyễn An"
    assert full_name(markets["CN"], "伟", "王") == "王伟"
