"""Pure tests of lib/signature.py and of the verification snippet integrators copy from readme/USAGE.md."""

import hashlib
import hmac
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.webhook_subscription.lib.signature import sign, signature_header, verify

NOW = 1_780_000_000
BODY = '{"event":"customer.created","id":"0b9c","data":{"name":"Đào Thị Lý"}}'.encode()
USAGE = Path(__file__).resolve().parents[2] / "readme" / "USAGE.md"


def _readme_verifier():
    """The Python snippet of readme/USAGE.md, run as an integrator would paste it."""
    code = re.search(r"```python\n(.*?)```", USAGE.read_text(), re.S).group(1)
    namespace = {}
    exec(compile(code, str(USAGE), "exec"), namespace)  # noqa: S102 - our own readme, tested on purpose
    return namespace["verify_stride_signature"]


def test_sign_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(b"whsec_x", b"%d.%s" % (NOW, BODY), hashlib.sha256).hexdigest()
    assert sign("whsec_x", NOW, BODY) == expected


def test_header_format():
    assert signature_header(["a"], NOW, BODY) == f"t={NOW},v1={sign('a', NOW, BODY)}"
    expected = f"t={NOW},v1={sign('new', NOW, BODY)},v1={sign('old', NOW, BODY)}"
    assert signature_header(["new", "old"], NOW, BODY) == expected


@pytest.mark.parametrize("verifier", [verify, _readme_verifier()], ids=["lib", "readme"])
def test_verification(verifier):
    header = signature_header(["new", "old"], NOW, BODY)
    assert verifier(header, BODY, "new", now=NOW)
    assert verifier(header, BODY, "old", now=NOW + 299)  # rotation grace: the previous secret still verifies
    assert not verifier(header, BODY, "other", now=NOW)
    assert not verifier(header, BODY + b" ", "new", now=NOW)  # the body is signed byte for byte
    assert not verifier(header, BODY, "new", now=NOW + 301)  # a replay outside 5 minutes
    assert not verifier(header, BODY, "new", now=NOW - 301)
    assert not verifier(signature_header(["new"], NOW + 1, BODY).replace(f"t={NOW + 1}", f"t={NOW}"), BODY, "new",
                        now=NOW)  # the timestamp is signed


@pytest.mark.parametrize("verifier", [verify, _readme_verifier()], ids=["lib", "readme"])
@pytest.mark.parametrize("header", [
    "", None, "garbage", f"t={NOW}", "v1=abc", f"t=٣{NOW},v1=00", f"t={NOW},v1=é" + "0" * 63, "t=²,v1=00",
    f"t=-{NOW},v1=00",
])
def test_hostile_headers_are_refused_without_error(verifier, header):
    assert verifier(header, BODY, "new", now=NOW) is False


@given(st.text(min_size=1), st.binary(), st.integers(min_value=0, max_value=2**40))
def test_any_signed_body_verifies(secret, body, timestamp):
    assert verify(signature_header([secret], timestamp, body), body, secret, now=timestamp)
    assert _VERIFY_README(signature_header([secret], timestamp, body), body, secret, now=timestamp)


_VERIFY_README = _readme_verifier()
