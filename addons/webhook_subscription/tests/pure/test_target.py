"""Pure tests of lib/target.py: which webhook targets are refused (SSRF)."""

import pytest

from odoo.addons.webhook_subscription.lib.target import address_refusal, url_refusal


@pytest.mark.parametrize("url", [
    "https://hooks.example.com/stride",
    "https://hooks.example.com:8443/in?x=1",
    "https://93.184.216.34/hook",
    "https://[2606:4700::1111]/hook",
])
def test_public_https_targets_are_accepted(url):
    assert url_refusal(url) is None


@pytest.mark.parametrize(("url", "code"), [
    ("http://hooks.example.com/stride", "not_https"),
    ("ftp://hooks.example.com/", "malformed"),
    ("hooks.example.com/stride", "malformed"),
    ("https://", "malformed"),
    ("https://host:99999/", "malformed"),
    ("https://host:0/", "malformed"),
    ("https://exämple.com/", "malformed"),
    ("https://example.com/a b", "malformed"),
    ("javascript:alert(1)", "malformed"),
    ("", "malformed"),
    (None, "malformed"),
    ("https://user:pw@hooks.example.com/", "credentials"),
    ("https://127.0.0.1/", "loopback"),
    ("https://localhost/", "loopback"),
    ("https://api.localhost/", "loopback"),
    ("https://[::1]/", "loopback"),
    ("https://[::ffff:127.0.0.1]/", "loopback"),
    ("https://10.0.0.5/", "private"),
    ("https://192.168.1.1/", "private"),
    ("https://172.16.0.1/", "private"),
    ("https://169.254.169.254/latest/meta-data/", "private"),
    ("https://[fe80::1]/", "private"),
    ("https://[fd00::1]/", "private"),
    ("https://[::ffff:10.0.0.1]/", "private"),
    ("https://0.0.0.0/", "private"),
    ("https://100.64.0.1/", "private"),
    ("https://224.0.0.1/", "private"),
    ("https://[2002:a00:5::1]/", "private"),
    ("https://[2002:7f00:1::]/", "loopback"),
    ("https://[64:ff9b::a00:5]/", "private"),
    ("https://[64:ff9b::7f00:1]/", "loopback"),
    ("https://[64:ff9b:1::a9fe:a9fe]/", "private"),
    ("https://[::a00:5]/", "private"),
    ("https://[::]/", "private"),
])
def test_refused_targets(url, code):
    assert url_refusal(url) == code


def test_loopback_over_http_only_when_allowed():
    assert url_refusal("http://127.0.0.1:8123/hook", allow_loopback=True) is None
    assert url_refusal("http://localhost:8123/hook", allow_loopback=True) is None
    assert url_refusal("http://127.0.0.1:8123/hook") == "loopback"
    # Allowing loopback opens nothing else.
    assert url_refusal("http://10.0.0.5/hook", allow_loopback=True) == "private"
    assert url_refusal("http://hooks.example.com/", allow_loopback=True) == "not_https"


@pytest.mark.parametrize(("address", "code"), [
    ("93.184.216.34", None),
    ("127.0.0.1", "loopback"),
    ("10.1.2.3", "private"),
    ("169.254.169.254", "private"),
    ("fe80::1%eth0", "private"),
    ("::ffff:192.168.0.1", "private"),
    ("2002:c0a8:1::1", "private"),
    ("64:ff9b::a9fe:a9fe", "private"),
    ("64:ff9b::5db8:d822", None),
    ("2002:5db8:d822::1", None),
    ("not an ip", "malformed"),
])
def test_resolved_addresses(address, code):
    assert address_refusal(address) == code
    assert address_refusal("127.0.0.1", allow_loopback=True) is None
