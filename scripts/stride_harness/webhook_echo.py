"""The demo shop's webhook receiver: prints each delivery the demo subscriptions send and whether its signature
verifies, then answers 204. ``scripts/serve`` runs it beside Odoo; standard library only.

The address, path and secret are stride_demo's (``addons/stride_demo/lib/webhooks.py``), the signature check is
webhook_subscription's (``addons/webhook_subscription/lib/signature.py``): both files are loaded without Odoo.
"""

import importlib.util
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_BODY_BYTES = 1_000_000


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo = _load("stride_demo_webhooks", ROOT / "addons" / "stride_demo" / "lib" / "webhooks.py")
signature = _load("webhook_subscription_signature", ROOT / "addons" / "webhook_subscription" / "lib" / "signature.py")


def describe(headers, body: bytes, secret: str, now: int) -> str:
    """One line about a delivery: event, id, whether the signature verifies, and the order or alert it is about."""
    verified = signature.verify(headers.get("X-Stride-Signature", ""), body, secret, now=now)
    try:
        data = json.loads(body).get("data") or {}
    except (ValueError, AttributeError):
        data = {}
    about = ", ".join(
        f"{key} {data[key]}" for key in ("name", "stage", "sku", "severity", "qty_free")
        if isinstance(data, dict) and data.get(key) not in (None, "")
    )
    return (f"[webhook] {headers.get('X-Stride-Event', '?')} {headers.get('X-Stride-Event-Id', '?')} "
            f"signature {'ok' if verified else 'INVALID'}" + (f": {about}" if about else ""))


class EchoReceiver:
    """A receiver on ``host:port`` (0: any free port) checking deliveries to ``path`` with ``secret``."""

    def __init__(self, host=demo.ECHO_HOST, port=demo.ECHO_PORT, path=demo.ECHO_PATH, secret=demo.ECHO_SECRET,
                 out=print):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = self.headers.get("Content-Length", "")
                if self.path != path:
                    return self._answer(404)
                if not (length.isascii() and length.isdigit()) or int(length) > MAX_BODY_BYTES:
                    return self._answer(413)
                body = self.rfile.read(int(length))
                line = describe(self.headers, body, secret, int(time.time()))
                receiver.lines.append(line)
                out(line)
                self._answer(204 if "signature ok" in line else 401)

            def _answer(self, status):
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

        self.lines = []
        self.server = Server((host, port), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}{path}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="webhook-echo")

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
