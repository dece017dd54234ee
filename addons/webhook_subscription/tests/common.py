import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import TransactionCase

from odoo.addons.webhook_subscription.lib.signature import verify


class Receiver:
    """An integrator's endpoint on 127.0.0.1: records every POST, checks its signature against the secrets it was
    given for the path, and answers as planned (status, delay in seconds) per path, 200 at once by default; the status
    "drip" answers 200 one header at a time over the delay."""

    def __init__(self):
        self.requests = []
        self.plans = {}
        self.secrets = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                header = self.headers.get("X-Stride-Signature")
                receiver.requests.append({
                    "path": self.path,
                    "event_id": self.headers.get("X-Stride-Event-Id"),
                    "event": self.headers.get("X-Stride-Event"),
                    "signature": header,
                    "body": body,
                    "json": json.loads(body),
                    "verified_with": [
                        secret for secret in receiver.secrets.get(self.path, ())
                        if verify(header, body, secret, now=int(time.time()))
                    ],
                })
                plan = receiver.plans.get(self.path)
                status, delay = plan.pop(0) if plan else (200, 0)
                if status == "drip":  # a header every 0.1 s for `delay` seconds: each read well within any timeout
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    for _tick in range(round(delay * 10)):
                        self.wfile.write(b"X-Drip: 1\r\n")
                        time.sleep(0.1)
                    self.wfile.write(b"Content-Length: 0\r\n\r\n")
                    return
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # the client gave up (a timeout test): nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def of_path(self, path):
        return [request for request in self.requests if request["path"] == path]


class WebhookCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.receiver = Receiver()
        cls.addClassCleanup(cls.receiver.stop)
        cls.Subscription = cls.env["webhook.subscription"]
        cls.Delivery = cls.env["webhook.delivery"]
        # The tests' shop has only the tests' subscriptions: a demo shop's (stride_demo echoes the fulfilment stages)
        # would queue deliveries of their own.
        cls.Subscription.search([]).action_archive()
        cls.Delivery.search([]).unlink()

    def setUp(self):
        super().setUp()
        self.receiver.requests.clear()
        self.receiver.plans.clear()
        self.receiver.secrets.clear()

    def subscribe(self, event, path, **values):
        subscription = self.Subscription.create({
            "name": f"{event} to {path}", "event": event, "target_url": self.receiver.url(path), **values,
        })
        self.receiver.secrets[path] = [subscription.secret]
        return subscription

    def send_all(self, now=None, timeout=None):
        """What the cron does, without its commits: send every due queue head until nothing is due."""
        sent = self.Delivery
        deliveries = self.Delivery.with_context(webhook_timeout=timeout) if timeout else self.Delivery
        while batch := deliveries._send_due(now=now):
            sent |= batch
        return sent

    def customer(self, name="Lan Nguyễn", **values):
        return self.env["res.partner"].create({"name": name, "email": "lan@example.com", **values})
