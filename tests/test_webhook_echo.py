"""The echo receiver scripts/serve starts for the demo shop's webhook subscriptions (no Odoo)."""

import json
import time
import urllib.error
import urllib.request

import pytest
from stride_harness.webhook_echo import EchoReceiver, demo, signature


@pytest.fixture
def receiver():
    printed = []
    echo = EchoReceiver(port=0, out=printed.append).start()
    yield echo
    echo.stop()


def post(url, body, header, event="order.status_changed"):
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Stride-Event": event, "X-Stride-Event-Id": "e-1",
        "X-Stride-Signature": header,
    })
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_delivery_signed_with_the_demo_secret_is_printed_and_acknowledged(receiver):
    body = json.dumps({"event": "order.status_changed", "id": "e-1",
                       "data": {"name": "S00042", "stage": "packaging"}}).encode()
    header = signature.signature_header([demo.ECHO_SECRET], int(time.time()), body)
    assert post(receiver.url, body, header) == 204
    assert receiver.lines == ["[webhook] order.status_changed e-1 signature ok: name S00042, stage packaging"]


def test_a_forged_or_stale_delivery_is_refused(receiver):
    body = b'{"data": {"name": "S00042"}}'
    forged = signature.signature_header(["whsec_someone_else"], int(time.time()), body)
    stale = signature.signature_header([demo.ECHO_SECRET], int(time.time()) - 3600, body)
    assert post(receiver.url, body, forged) == 401
    assert post(receiver.url, body, stale) == 401
    assert all("signature INVALID" in line for line in receiver.lines)


def test_hostile_bodies_never_break_the_receiver(receiver):
    for body in (b"not json", b"[1, 2]", '{"data": "٣"}'.encode(), b'{"data": {"name": "<script>"}}'):
        header = signature.signature_header([demo.ECHO_SECRET], int(time.time()), body)
        assert post(receiver.url, body, header) == 204
    assert post(receiver.url.replace(demo.ECHO_PATH, "/elsewhere"), b"{}", "") == 404
    assert len(receiver.lines) == 4
