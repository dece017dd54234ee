import json
from datetime import datetime

import pytest

from odoo.addons.sale_order_pipeline.lib.transit import (
    MAX_FIELD_LENGTH,
    callback_event_ref,
    event_key,
    is_web_url,
    parse_event_time,
    parse_update,
    sign,
    signature_refusal,
)

NOW = 1_780_000_000
BODY = b'{"tracking_ref": "TRK", "status": "in_transit"}'


def test_carrier_reference_identifies_the_update():
    assert event_key("in_transit", "2026-05-04 12:30:00", "Lyon", " EV-1 ") == "ref:EV-1"
    assert event_key("delivered", "2026-05-05 09:00:00", "Paris", "EV-1") == "ref:EV-1"


def test_without_reference_status_time_and_place_identify_it():
    assert event_key("in_transit", "2026-05-04 12:30:00", " Lyon Hub") == event_key(
        "in_transit", "2026-05-04 12:30:00", "lyon hub"
    )
    assert event_key("in_transit", "2026-05-04 12:30:00") != event_key("exception", "2026-05-04 12:30:00")


def test_callback_update_is_named_by_its_event_id_else_by_its_body():
    assert callback_event_ref(" EV-7 ", BODY) == "EV-7"
    assert callback_event_ref(None, BODY) == callback_event_ref("", BODY)
    assert callback_event_ref(None, BODY).startswith("sha256:")
    assert callback_event_ref(None, BODY) != callback_event_ref(None, BODY + b" ")


def test_signature_covers_the_timestamp_and_the_body():
    signature = sign("k", NOW, BODY)
    assert signature.startswith("sha256=")
    assert signature_refusal("k", BODY, str(NOW), signature, NOW) is None
    assert signature_refusal("k", BODY, f" {NOW} ", f" {signature} ", NOW + 10) is None
    assert signature_refusal("k", BODY + b" ", str(NOW), signature, NOW) == "bad_signature"
    assert signature_refusal("k", BODY, str(NOW + 1), signature, NOW) == "bad_signature"
    assert signature_refusal("other", BODY, str(NOW), signature, NOW) == "bad_signature"
    # The old body-only signature is refused.
    assert signature_refusal("k", BODY, str(NOW), sign("k", "", BODY), NOW) == "bad_signature"


def test_signature_is_valid_five_minutes_either_way():
    assert signature_refusal("k", BODY, str(NOW), sign("k", NOW, BODY), NOW + 300) is None
    assert signature_refusal("k", BODY, str(NOW), sign("k", NOW, BODY), NOW - 300) is None
    assert signature_refusal("k", BODY, str(NOW), sign("k", NOW, BODY), NOW + 301) == "stale"
    assert signature_refusal("k", BODY, str(NOW), sign("k", NOW, BODY), NOW - 301) == "stale"


@pytest.mark.parametrize(
    ("timestamp", "signature", "code"),
    [
        (None, "sha256=" + "0" * 64, "no_timestamp"),
        ("", "sha256=" + "0" * 64, "no_timestamp"),
        ("١٧٨٠٠٠٠٠٠٠", "sha256=" + "0" * 64, "bad_timestamp"),  # Arabic-Indic digits: int() reads them
        ("1780000000²", "sha256=" + "0" * 64, "bad_timestamp"),
        ("-1780000000", "sha256=" + "0" * 64, "bad_timestamp"),
        ("1.78e9", "sha256=" + "0" * 64, "bad_timestamp"),
        ("9" * 40, "sha256=" + "0" * 64, "bad_timestamp"),
        (str(NOW), None, "no_signature"),
        (str(NOW), "", "no_signature"),
        (str(NOW), "sha256=é" + "0" * 63, "bad_signature_format"),  # hmac.compare_digest raises on non-ASCII
        (str(NOW), "sha256=" + "٣" * 64, "bad_signature_format"),
        (str(NOW), "sha256=" + "A" * 64, "bad_signature_format"),
        (str(NOW), "0" * 64, "bad_signature_format"),
        (str(NOW), "sha256=" + "0" * 64, "bad_signature"),
    ],
)
def test_malformed_headers_are_refused_with_a_code(timestamp, signature, code):
    assert signature_refusal("k", BODY, timestamp, signature, NOW) == code


def test_no_secret_means_refused():
    assert signature_refusal("", BODY, str(NOW), sign("", NOW, BODY), NOW) == "bad_signature"


def test_update_fields_are_read_from_a_json_object():
    update, problem = parse_update(b'{"tracking_ref": " TRK ", "status": "in_transit", "location": "", "note": null}')
    assert problem is None
    assert update == {
        "tracking_ref": "TRK",
        "status": "in_transit",
        "location": None,
        "time": None,
        "event_id": None,
        "note": None,
    }


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'"text"',
        b"null",
        b"[" * 5000 + b"]" * 5000,
        b'{"status": "in_transit"}',
        b'{"tracking_ref": 12, "status": "in_transit"}',
        b'{"tracking_ref": ["TRK"], "status": "in_transit"}',
        b'{"tracking_ref": "TRK", "status": {"a": 1}}',
        b'{"tracking_ref": "TRK", "status": "in_transit", "location": 5}',
        b'{"tracking_ref": "TRK", "status": "in_transit", "time": 1780000000}',
        b'{"tracking_ref": "TRK", "status": "in_transit", "event_id": true}',
        b'{"tracking_ref": "TRK\\u0000", "status": "in_transit"}',
        b'{"tracking_ref": "   ", "status": "in_transit"}',
        json.dumps({"tracking_ref": "T" * (MAX_FIELD_LENGTH + 1), "status": "in_transit"}).encode(),
    ],
)
def test_malformed_updates_are_refused_with_a_message(body):
    update, problem = parse_update(body)
    assert update == {}
    assert problem


@pytest.mark.parametrize(
    "url", ["https://track.example.com/1Z?x=1", "http://carrier.example/track#a", "HTTPS://EXAMPLE.COM"]
)
def test_web_links_are_accepted(url):
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "//evil.example.com",
        "https://",
        "https:///path",
        "track.example.com/1Z",
        "https://exa mple.com",
        "https://example.com/\n",
        "https://[::1",
    ],
)
def test_other_links_are_refused(url):
    assert not is_web_url(url)


def test_event_time_is_naive_utc():
    assert parse_event_time("2026-05-04T14:30:00+02:00") == datetime(2026, 5, 4, 12, 30)
    assert parse_event_time("2026-05-04T12:30:00Z") == datetime(2026, 5, 4, 12, 30)
    assert parse_event_time(" 2026-05-04 12:30:00.123 ") == datetime(2026, 5, 4, 12, 30)
    with pytest.raises(ValueError):
        parse_event_time("yesterday")
    with pytest.raises(ValueError):
        parse_event_time("9999-12-31T23:59:59-14:00")
