"""A MoMo stand-in for the tests: an HTTP server on 127.0.0.1 answering create, query and refund like MoMo's API v2.

It checks each request's signature with its own raw strings, written out from MoMo's documentation rather than taken
from ``lib/signature.py``, so a wrong key order in the addon fails the tests instead of agreeing with itself. Like
MoMo, it answers a requestId it has seen with its first answer, and builds the signed results MoMo sends back to the
shop (IPN body, return URL parameters).
"""

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _hmac(secret, raw):
    return hmac.new(secret.encode(), raw.encode(), hashlib.sha256).hexdigest()


class FakeMomo:
    def __init__(self, partner_code, access_key, secret_key):
        self.partner_code, self.access_key, self.secret_key = partner_code, access_key, secret_key
        self.orders = {}  # orderId -> {"amount", "resultCode", "transId", "refunded"}
        self.answers = {}  # requestId -> the first answer, replayed for a repeated request
        self.received = []  # (path, body) of every request
        self.hang = threading.Event()  # set: the next requests get no answer until ``release``
        self._released = threading.Event()
        self._trans_ids = itertools.count(4088878653)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.received.append((self.path, body))
                if fake.hang.is_set():
                    fake._released.wait(15)  # longer than the 10 s the tests give a request
                    return
                answer = fake._answer(self.path, body)
                payload = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def reset(self):
        """Forget every order and request (each test starts with a MoMo that knows nothing)."""
        self.orders.clear()
        self.answers.clear()
        self.received.clear()
        self.hang.clear()

    def requests_to(self, endpoint):
        return [body for path, body in self.received if path == endpoint]

    # --- MoMo's side of each call --- #

    def _answer(self, path, body):
        if body.get("requestId") in self.answers:
            return self.answers[body["requestId"]]
        handler = {
            "/v2/gateway/api/create": self._create,
            "/v2/gateway/api/query": self._query,
            "/v2/gateway/api/refund": self._refund,
        }.get(path)
        if handler is None:
            return {"resultCode": 12, "message": "Unsupported API"}
        answer = handler(body)
        self.answers[body["requestId"]] = answer
        return answer

    def _signed_by_merchant(self, body, raw):
        return body.get("partnerCode") == self.partner_code and hmac.compare_digest(
            _hmac(self.secret_key, raw), body.get("signature", "")
        )

    def _create(self, body):
        raw = (
            f"accessKey={self.access_key}&amount={body['amount']}&extraData={body['extraData']}"
            f"&ipnUrl={body['ipnUrl']}&orderId={body['orderId']}&orderInfo={body['orderInfo']}"
            f"&partnerCode={body['partnerCode']}&redirectUrl={body['redirectUrl']}"
            f"&requestId={body['requestId']}&requestType={body['requestType']}"
        )
        if not self._signed_by_merchant(body, raw):
            return {"resultCode": 11, "message": "Access denied: bad signature."}
        if body["orderId"] in self.orders:
            return {"resultCode": 41, "message": "Duplicated orderId."}
        self.orders[body["orderId"]] = {
            "amount": body["amount"], "orderInfo": body["orderInfo"], "requestId": body["requestId"],
            "resultCode": 1000, "transId": next(self._trans_ids), "refunded": 0,
        }
        return {
            "partnerCode": self.partner_code, "requestId": body["requestId"], "orderId": body["orderId"],
            "amount": body["amount"], "responseTime": int(time.time() * 1000), "message": "Thành công.",
            "resultCode": 0, "payUrl": f"{self.url}/v2/gateway/pay?t=TU9NT3wke&s=0c2f2b",
        }

    def _query(self, body):
        raw = (
            f"accessKey={self.access_key}&orderId={body['orderId']}&partnerCode={body['partnerCode']}"
            f"&requestId={body['requestId']}"
        )
        if not self._signed_by_merchant(body, raw):
            return {"resultCode": 11, "message": "Access denied: bad signature."}
        order = self.orders.get(body["orderId"])
        if order is None:
            return {"orderId": body["orderId"], "requestId": body["requestId"], "resultCode": 42,
                    "message": "Order not found."}
        return self.result(body["orderId"], order["resultCode"], requestId=body["requestId"])

    def _refund(self, body):
        raw = (
            f"accessKey={self.access_key}&amount={body['amount']}&description={body['description']}"
            f"&orderId={body['orderId']}&partnerCode={body['partnerCode']}&requestId={body['requestId']}"
            f"&transId={body['transId']}"
        )
        if not self._signed_by_merchant(body, raw):
            return {"resultCode": 11, "message": "Access denied: bad signature."}
        paid = next((o for o in self.orders.values() if o["transId"] == body["transId"] and o["resultCode"] == 0), None)
        if paid is None or paid["refunded"] + body["amount"] > paid["amount"]:
            return {"orderId": body["orderId"], "requestId": body["requestId"], "resultCode": 1080,
                    "message": "Refund refused: amount or transaction."}
        paid["refunded"] += body["amount"]
        return {
            "partnerCode": self.partner_code, "orderId": body["orderId"], "requestId": body["requestId"],
            "amount": body["amount"], "transId": next(self._trans_ids), "resultCode": 0,
            "message": "Thành công.", "responseTime": int(time.time() * 1000),
        }

    # --- what MoMo sends back to the shop --- #

    def pay(self, order_id, result_code=0):
        """The customer acts in the MoMo app: the order gets its final result code."""
        self.orders[order_id]["resultCode"] = result_code

    def result(self, order_id, result_code=0, **changes):
        """The signed payment result MoMo posts to the IPN and puts in the return URL; ``changes`` are applied
        before signing (a different amount, say) so the signature stays MoMo's."""
        order = self.orders.get(order_id, {})
        data = {
            "partnerCode": self.partner_code, "orderId": order_id, "requestId": order.get("requestId", order_id),
            "amount": order.get("amount", 0), "orderInfo": order.get("orderInfo", ""), "orderType": "momo_wallet",
            "transId": order.get("transId", 0), "resultCode": result_code, "message": "Thành công.",
            "payType": "qr", "responseTime": int(time.time() * 1000), "extraData": "",
        }
        data.update(changes)
        raw = (
            f"accessKey={self.access_key}&amount={data['amount']}&extraData={data['extraData']}"
            f"&message={data['message']}&orderId={data['orderId']}&orderInfo={data['orderInfo']}"
            f"&orderType={data['orderType']}&partnerCode={data['partnerCode']}&payType={data['payType']}"
            f"&requestId={data['requestId']}&responseTime={data['responseTime']}&resultCode={data['resultCode']}"
            f"&transId={data['transId']}"
        )
        data["signature"] = _hmac(self.secret_key, raw)
        return data
