from . import (
    stride_demo_builder,
    stride_demo_catalogue,
    stride_demo_customer_insight,
    stride_demo_loyalty,
    stride_demo_orders,
    stride_demo_payment,
    stride_demo_people,
    stride_demo_personalization,
    stride_demo_stock,
    stride_demo_webhooks,
)
