# MoMo only settles in Vietnamese dong, in whole dong.
SUPPORTED_CURRENCIES = ("VND",)
CURRENCY_DECIMALS = {"VND": 0}

# The payment method (Odoo's own "MoMo" record, logo included) to activate with the provider.
DEFAULT_PAYMENT_METHOD_CODES = {"momo"}

# MoMo's hosts; the provider's state ('test' or 'enabled') picks one.
API_URLS = {
    "test": "https://test-payment.momo.vn",
    "enabled": "https://payment.momo.vn",
}
CREATE_ENDPOINT = "/v2/gateway/api/create"
QUERY_ENDPOINT = "/v2/gateway/api/query"
REFUND_ENDPOINT = "/v2/gateway/api/refund"

PAYMENT_RETURN_ROUTE = "/payment/momo/return"
PAYMENT_IPN_ROUTE = "/payment/momo/ipn"
# An IPN is about 600 bytes; anything much larger is not MoMo.
MAX_IPN_BYTES = 16 * 1024

REQUEST_TYPE = "captureWallet"

# MoMo's resultCode -> the transaction's state. Every other code is an error.
# 9000 ("authorized, waiting for capture") only comes with autoCapture=false, which this provider never sends: if it
# came, the money is not taken yet, so the transaction waits like 1000 (waiting for the customer) and 7000/7002
# (being processed) until the status query or the IPN brings the final code.
RESULT_CODES_DONE = {0}
RESULT_CODES_PENDING = {1000, 7000, 7002, 9000}
RESULT_CODES_CANCEL = {1006}  # the customer refused the payment in the MoMo app
# Codes 1-999 are about the request, not the payment (10 maintenance, 11 access denied, 13 merchant authentication,
# 20 bad format, 42 unknown order, 99 unknown error...): a status query answered so leaves the payment as it is.
REQUEST_ERROR_CODES = range(1, 1000)

# The status query looks at transactions whose callback has not come after this delay, for this long.
STATUS_QUERY_AFTER_MINUTES = 10
STATUS_QUERY_FOR_DAYS = 3
STATUS_QUERY_BATCH = 100
