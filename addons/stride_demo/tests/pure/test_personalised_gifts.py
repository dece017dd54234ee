from datetime import date

from odoo.addons.stride_demo.lib import personalised_gifts as gifts


def test_every_pipeline_stage_has_a_personalised_order():
    stages = {order.stage for order in gifts.GIFT_ORDERS}
    assert stages == {gifts.QUOTATION, gifts.AWAITING_PACKAGING, gifts.PACKAGING, gifts.SHIPPING, gifts.DELIVERED}


def test_each_product_is_ordered_and_texts_fit_the_fields():
    assert {order.product for order in gifts.GIFT_ORDERS} == {"keyring", "mug", "gift_box"}
    for order in gifts.GIFT_ORDERS:
        for text in order.texts.values():
            assert 0 < len(text) <= 200


def test_order_dates_are_in_the_past():
    today = date(2026, 11, 30)
    assert all(day < today for day in gifts.order_dates(today))
