from datetime import datetime

import pytest

from odoo.addons.sale_order_pipeline.lib.transit import event_key, is_signed, parse_event_time, sign


def test_carrier_reference_identifies_the_update():
    assert event_key("in_transit", "2026-05-04 12:30:00", "Lyon", " EV-1 ") == "ref:EV-1"
    assert event_key("delivered", "2026-05-05 09:00:00", "Paris", "EV-1") == "ref:EV-1"


def test_without_reference_status_time_and_place_identify_it():
    assert event_key("in_transit", "2026-05-04 12:30:00", " Lyon Hub") == event_key(
        "in_transit", "2026-05-04 12:30:00", "lyon hub"
    )
    assert event_key("in_transit", "2026-05-04 12:30:00") != event_key("exception", "2026-05-04 12:30:00")


def test_signature_round_trip_and_refusals():
    body = b'{"tracking_ref": "TRK"}'
    assert sign("k", body).startswith("sha256=")
    assert is_signed("k", body, sign("k", body))
    assert not is_signed("k", body + b" ", sign("k", body))
    assert not is_signed("other", body, sign("k", body))
    assert not is_signed("", body, sign("", body))
    assert not is_signed("k", body, None)


def test_event_time_is_naive_utc():
    assert parse_event_time("2026-05-04T14:30:00+02:00") == datetime(2026, 5, 4, 12, 30)
    assert parse_event_time("2026-05-04T12:30:00Z") == datetime(2026, 5, 4, 12, 30)
    assert parse_event_time(" 2026-05-04 12:30:00.123 ") == datetime(2026, 5, 4, 12, 30)
    with pytest.raises(ValueError):
        parse_event_time("yesterday")
