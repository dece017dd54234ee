import pytest

from odoo.addons.payment_momo.lib.signature import (
    CREATE_KEYS,
    RESULT_KEYS,
    is_valid_signature,
    parse_integer,
    raw_signature,
    result_values,
    sign,
    sign_message,
)

SECRET = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
ACCESS = "F8BBA842ECF85"

CREATE = {
    "accessKey": ACCESS,
    "amount": 150000,
    "extraData": "",
    "ipnUrl": "https://shop.example.com/payment/momo/ipn",
    "orderId": "S00042",
    "orderInfo": "Stride S00042",
    "partnerCode": "MOMO",
    "redirectUrl": "https://shop.example.com/payment/momo/return",
    "requestId": "S00042",
    "requestType": "captureWallet",
}
# The signatures below were computed once with hmac/hashlib on the raw strings written out by hand.
CREATE_SIGNATURE = "fec1a33d302bd2b8189d51d7c2fb5585ffef625593a1305dc2e464de3ea74e02"

IPN = {
    "partnerCode": "MOMO",
    "orderId": "S00042",
    "requestId": "S00042",
    "amount": 150000,
    "orderInfo": "Giày chạy bộ S00042",
    "orderType": "momo_wallet",
    "transId": 4088878653,
    "resultCode": 0,
    "message": "Thành công.",
    "payType": "qr",
    "responseTime": 1780000000000,
    "extraData": "",
}
IPN_SIGNATURE = "ce03c65df404066a4bdac00eddfacfaf78610faefb9eeb64d0e06d2e2d96ed39"


def _ipn_values(**changes):
    values = result_values({**IPN, **changes})
    return {**values, "accessKey": ACCESS}


def test_create_raw_string_follows_momo_key_order():
    assert raw_signature(CREATE_KEYS, CREATE) == (
        "accessKey=F8BBA842ECF85&amount=150000&extraData=&ipnUrl=https://shop.example.com/payment/momo/ipn"
        "&orderId=S00042&orderInfo=Stride S00042&partnerCode=MOMO"
        "&redirectUrl=https://shop.example.com/payment/momo/return&requestId=S00042&requestType=captureWallet"
    )


def test_create_signature_matches_known_vector():
    assert sign_message(SECRET, CREATE_KEYS, CREATE) == CREATE_SIGNATURE


def test_callback_signature_matches_known_vector_with_vietnamese_text():
    assert sign_message(SECRET, RESULT_KEYS, _ipn_values()) == IPN_SIGNATURE
    assert is_valid_signature(SECRET, RESULT_KEYS, _ipn_values(), IPN_SIGNATURE)


@pytest.mark.parametrize(
    "field, value",
    [
        ("amount", 1500000),
        ("orderId", "S00043"),
        ("resultCode", 1006),
        ("transId", 4088878654),
        ("orderInfo", "Giay chay bo S00042"),  # the same text without its accents
        ("extraData", "e30="),
        ("message", "Thanh cong."),
    ],
)
def test_tampered_field_breaks_the_signature(field, value):
    assert not is_valid_signature(SECRET, RESULT_KEYS, _ipn_values(**{field: value}), IPN_SIGNATURE)


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        IPN_SIGNATURE.upper(),
        IPN_SIGNATURE[:-1],
        IPN_SIGNATURE + "0",
        "é" * 64,
        "\ud800" * 64,  # a lone surrogate, as json.loads("\"\\ud800\"") gives
        "٣" * 64,
        64,
        ["ce03"],
    ],
)
def test_malformed_signature_is_refused_without_error(signature):
    assert not is_valid_signature(SECRET, RESULT_KEYS, _ipn_values(), signature)


def test_another_secret_is_refused():
    assert not is_valid_signature("another-secret", RESULT_KEYS, _ipn_values(), IPN_SIGNATURE)


def test_no_secret_configured_accepts_nothing():
    assert not is_valid_signature("", RESULT_KEYS, _ipn_values(), sign("", raw_signature(RESULT_KEYS, _ipn_values())))


def test_sign_is_hmac_sha256_hex():
    # RFC 4231, test case 2
    assert sign("Jefe", "what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )


def test_result_values_are_text_of_every_signed_field():
    values = result_values(IPN)
    assert values["amount"] == "150000"
    assert values["transId"] == "4088878653"
    assert values["resultCode"] == "0"
    assert "accessKey" not in values
    assert "signature" not in values


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "S00042",
        {key: value for key, value in IPN.items() if key != "transId"},
        {**IPN, "amount": 150000.0},
        {**IPN, "resultCode": True},
        {**IPN, "orderId": ["S00042"]},
        {**IPN, "extraData": None},
        {**IPN, "orderId": "S00042\x00"},  # PostgreSQL refuses NUL in text: searching it would fail
    ],
)
def test_result_values_refuse_what_momo_never_sends(data):
    assert result_values(data) is None


@pytest.mark.parametrize("value, amount", [(150000, 150000), ("150000", 150000), (0, 0), ("0", 0)])
def test_parse_integer_reads_integers_and_ascii_digits(value, amount):
    assert parse_integer(value) == amount


@pytest.mark.parametrize(
    "value",
    ["١٥٠٠٠٠", "²", "150000²", "1e5", "150000.0", " 150000", "-1", -1, 150000.0, True, None, "", "9" * 19, 10**18],
)
def test_parse_integer_refuses_anything_else(value):
    assert parse_integer(value) is None
