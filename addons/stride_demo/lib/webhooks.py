"""The demo shop's webhook subscriptions and the local echo receiver they point at (``scripts/serve`` starts it).

Loaded without Odoo by ``scripts/serve``: the receiver verifies the deliveries with the secret below, which the demo
subscriptions are given. A demo secret is public by design; a real subscription gets a random one from Odoo.
"""

ECHO_HOST = "127.0.0.1"
ECHO_PORT = 8079
ECHO_PATH = "/stride-webhooks"
ECHO_URL = f"http://{ECHO_HOST}:{ECHO_PORT}{ECHO_PATH}"
ECHO_SECRET = "whsec_stride_demo_echo_receiver_not_a_secret"

# (subscription name, event): what an integrator of a shop most often listens to. Customers and orders as they are
# created or change are left out: the demo would echo every visitor's cart.
SUBSCRIPTIONS = (
    ("Demo echo: order fulfilment stages", "order.status_changed"),
    ("Demo echo: stock thresholds crossed", "stock.threshold_crossed"),
)
