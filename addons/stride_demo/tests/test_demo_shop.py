from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.stride_demo.lib import catalog, history

from .common import StrideDemoMixin


@tagged("post_install", "-at_install")
class TestDemoShop(StrideDemoMixin, TransactionCase):
    """The demo data meets the brief of the demo shop."""

    def test_forty_published_shoe_models_with_size_and_colour_variants(self):
        self.assertEqual(len(self.shoes), 40)
        self.assertTrue(all(self.shoes.mapped("is_published")))
        self.assertTrue(all(self.shoes.mapped("image_1920")))
        for shoe in self.shoes:
            attributes = shoe.attribute_line_ids.attribute_id
            self.assertEqual(set(attributes.mapped("name")), {"Size", "Color"}, shoe.name)
            self.assertEqual(attributes.filtered("shoe_size_system").shoe_size_system, "eu", shoe.name)
            self.assertGreaterEqual(shoe.product_variant_count, 14, shoe.name)
        self.assertTrue(all(self.shoes.mapped("is_shoe")) and all(self.shoes.mapped("shoe_category")))
        self.assertGreaterEqual(len(self.shoes.shoe_brand_id), 6)

    def test_twelve_personalisable_gifts(self):
        # The catalogue's ten, and the printed photo mug and gift box of the personalised gifts step.
        gifts = self.env.ref("stride_demo.public_category_gifts_demo").product_tmpl_ids
        self.assertEqual(len(gifts), 12)
        self.assertTrue(all(
            gift.attribute_line_ids.product_template_value_ids.filtered("is_custom") for gift in gifts
        ))

    def test_vendors_sell_with_minimum_quantities_and_lead_times(self):
        sellers = self.shoes.seller_ids
        self.assertEqual(len(sellers.partner_id), 3)
        self.assertTrue(all(seller.min_qty > 0 and seller.delay > 0 and seller.price > 0 for seller in sellers))

    def test_shoes_carry_their_shoe_facts(self):
        for field in ("shoe_brand_id", "shoe_gender", "shoe_category", "shoe_upper_material", "shoe_sole_material",
                      "shoe_closure", "shoe_width"):
            self.assertTrue(all(self.shoes.mapped(field)), field)
        self.assertGreaterEqual(set(self.shoes.mapped("shoe_width")), {"standard", "wide", "narrow"})
        self.assertGreaterEqual(set(self.shoes.mapped("shoe_gender")), {"men", "women", "unisex"})
        self.assertTrue(all(self.shoes.shoe_brand_id.mapped("logo")))
        gifts = self.env.ref("stride_demo.public_category_gifts_demo").product_tmpl_ids
        self.assertFalse(any(gifts.mapped("is_shoe")), "gifts are not shoes")

    def test_sizes_are_eu_sizes_with_their_foot_length(self):
        sizes = self.env.ref("stride_demo.product_attribute_size_demo").value_ids.sorted("shoe_size")
        self.assertEqual(sizes.attribute_id.shoe_size_system, "eu")
        lengths = sizes.mapped("shoe_foot_length_mm")
        self.assertTrue(all(lengths) and lengths == sorted(lengths), lengths)

    def test_brands_that_run_small_or_large_have_their_own_chart(self):
        Chart = self.env["shoe.size.chart"]
        for brand in catalog.BRANDS:
            record = self.env["shoe.brand"].search([("name", "=", brand.name)])
            if not brand.size_offset_mm:
                self.assertFalse(record.size_chart_id, brand.name)
                continue
            self.assertTrue(record.fit_note, brand.name)
            default = Chart.size_to_foot_length("eu", 42)
            self.assertEqual(Chart.size_to_foot_length("eu", 42, record), default + brand.size_offset_mm, brand.name)

    def test_alert_only_thresholds_with_category_defaults_and_open_alerts(self):
        variants = self.shoes.product_variant_ids
        orderpoints = self.env["stock.warehouse.orderpoint"].search([("product_id", "in", variants.ids)])
        self.assertEqual(set(orderpoints.mapped("trigger")), {"alert"})
        self.assertEqual(orderpoints.product_id, variants, "every shoe variant is watched")
        self.assertTrue(orderpoints.filtered("threshold_from_category"))
        self.assertTrue(orderpoints.filtered(lambda rule: not rule.threshold_from_category), "some set by hand")
        self.assertTrue(all(self.shoes.categ_id.sudo().mapped("threshold_enabled")))
        alerts = self.env["stock.threshold.alert"].search([("product_id", "in", variants.ids), ("state", "=", "open")])
        self.assertTrue(5 <= len(alerts) <= 30, f"several alerts, not a flood: {len(alerts)}")
        self.assertEqual(len(orderpoints.warehouse_id), 1, "the shop's warehouse only")
        self.assertIn("out", alerts.mapped("severity"))
        self.assertTrue(alerts.activity_ids, "the buyer has restock activities")

    def test_each_open_alert_shows_recent_sales_and_lost_revenue(self):
        alerts = self.env["stock.threshold.alert"].search([
            ("product_id", "in", self.shoes.product_variant_ids.ids), ("state", "=", "open"),
        ])
        self.assertTrue(alerts)
        for alert in alerts:
            self.assertGreater(alert.daily_sales, 0, alert.product_id.display_name)
        out = alerts.filtered(lambda alert: alert.severity == "out")
        self.assertTrue(out and all(out.mapped("lost_revenue")), "a sold-out best seller loses revenue every day")

    def test_no_goods_are_left_half_way_in_the_warehouse(self):
        # Other tests switch the warehouse to one-step deliveries, which Odoo refuses while these zones hold goods.
        warehouse = self.env.ref("stock.warehouse0")
        zones = warehouse.wh_pack_stock_loc_id | warehouse.wh_output_stock_loc_id
        held = self.env["stock.quant"].search([("location_id", "child_of", zones.ids), ("quantity", "!=", 0)])
        self.assertFalse(held.mapped("display_name"))

    def test_vendor_scorecards_show_receipts_late_and_short(self):
        vendors = self.shoes.seller_ids.partner_id
        self.assertTrue(all(vendors.mapped("scorecard_receipt_count")))
        rates = vendors.mapped("scorecard_on_time_rate")
        self.assertEqual(max(rates), 1.0)
        self.assertLess(min(rates), 0.8)
        self.assertLess(min(vendors.mapped("scorecard_fill_rate")), 1.0)
        self.assertTrue(vendors.filtered("scorecard_warning"), "one vendor is flagged unreliable")

    def test_a_restock_suggestion_is_ready_to_review(self):
        suggestion = self.env.ref("stride_demo.purchase_restock_suggestion_demo")
        self.assertEqual(suggestion.state, "computed")
        to_buy = suggestion.line_ids.filtered(lambda line: line.status == "to_buy")
        self.assertTrue(to_buy and all(to_buy.mapped("suggested_qty")))
        self.assertGreater(suggestion.amount_total, 0)
        self.assertFalse(suggestion.purchase_order_ids, "nothing is ordered without a human")

    def test_customers_in_many_countries_with_language_and_timezone(self):
        customers = self.env["res.partner"].browse([
            self.env.ref(f"stride_demo.res_partner_customer_{index:03d}_demo").id for index in range(1, 201)
        ])
        self.assertGreaterEqual(len(customers.country_id), 6)
        self.assertTrue(all(customers.mapped("lang")) and all(customers.mapped("tz")))
        self.assertGreaterEqual(len(customers.property_product_pricelist.currency_id), 5)

    def _demo_orders(self):
        return self.env["sale.order"].search([("order_line.product_template_id", "in", self.shoes.ids)])

    def test_eighteen_months_of_orders_in_every_state(self):
        orders = self._demo_orders()
        self.assertEqual(set(orders.mapped("state")), {"draft", "sent", "sale", "cancel"})
        self.assertTrue(orders.filtered("locked"))
        self.assertGreaterEqual(len(orders.currency_id), 5)
        span = max(orders.mapped("date_order")) - min(orders.mapped("date_order"))
        self.assertGreater(span.days, 480)
        shipped = orders.filtered(lambda order: order.delivery_status == "full")
        self.assertTrue(shipped and all(picking.state == "done" for picking in shipped.picking_ids))
        self.assertTrue(orders.invoice_ids.filtered(lambda move: move.payment_state in ("paid", "in_payment")))

    def test_orders_along_the_whole_fulfilment_pipeline(self):
        orders = self._demo_orders()
        # Refunded: the demo's refunded return (a stage of sale_order_pipeline_rma).
        stages = {history.AWAITING, history.CONFIRMED, history.PACKAGING, history.SHIPPING, history.DELIVERED,
                  history.FEEDBACK, history.CANCELLED, "refunded"}
        self.assertEqual(set(orders.mapped("pipeline_stage")), stages)
        shipped = orders.filtered(lambda order: order.pipeline_stage in (history.SHIPPING, history.DELIVERED))
        self.assertTrue(all(shipped.mapped("pipeline_tracking_ref")) and all(shipped.mapped("pipeline_tracking_url")))
        rated = orders.filtered(lambda order: order.pipeline_stage == history.FEEDBACK)
        ratings = rated.pipeline_feedback_ids.mapped("rating")
        self.assertEqual(len(ratings), len(rated))
        self.assertTrue(4 <= sum(ratings) / len(ratings) < 5, "mostly happy customers")
        self.assertTrue(rated.pipeline_feedback_ids.filtered("comment"))
        now = fields.Datetime.now()
        for order in rated:
            moves = order.pipeline_history_ids.sorted("id")
            self.assertEqual(moves.mapped("stage"), ["confirmed", "packaging", "shipping", "delivered", "feedback"])
            dates = moves.mapped("date")
            self.assertEqual(dates, sorted(dates), order.name)
            self.assertTrue(order.date_order <= dates[0] and dates[-1] <= now, order.name)

    def test_odoo_demo_orders_stay_off_the_fulfilment_board(self):
        on_board = self.env["sale.order"].search([
            ("state", "!=", "draft"),
            ("pipeline_stage", "in", (history.CONFIRMED, history.PACKAGING, history.SHIPPING)),
        ])
        odoo_demo = self.env["ir.model.data"].search([
            ("model", "=", "sale.order"), ("res_id", "in", on_board.ids), ("module", "!=", "stride_demo"),
        ])
        self.assertFalse(odoo_demo.mapped("complete_name"))

    def test_parcels_on_their_way_have_carrier_updates(self):
        orders = self._demo_orders()
        now = fields.Datetime.now()
        on_the_way = orders.filtered(lambda order: order.pipeline_stage == history.SHIPPING)
        self.assertTrue(on_the_way)
        for order in on_the_way:
            events = order.pipeline_transit_event_ids
            self.assertTrue(1 <= len(events) <= 3, order.name)
            self.assertEqual(events.sorted("event_time")[0].status, "picked_up", order.name)
            shipped_on = max(order.picking_ids.mapped("date_done"))
            self.assertTrue(all(shipped_on < moment <= now for moment in events.mapped("event_time")), order.name)
        in_transit = on_the_way.pipeline_transit_event_ids.filtered(lambda event: event.status == "in_transit")
        self.assertTrue(in_transit and all(in_transit.mapped("location")), "in transit through a named city")
        received = orders.filtered(lambda order: order.pipeline_stage in (history.DELIVERED, history.FEEDBACK))
        self.assertTrue(received.pipeline_transit_event_ids, "some received parcels keep their carrier trail")
        # The replayed history told no customer about those updates.
        self.assertFalse(self.env["mail.mail"].sudo().search_count([
            ("model", "=", "sale.order.transit.event"),
            ("res_id", "in", orders.pipeline_transit_event_ids.ids),
        ]))

    def test_some_customers_reviewed_their_shoes(self):
        orders = self._demo_orders()
        reviews = self.env["sale.order.product.review"].search([("order_id", "in", orders.ids)])
        self.assertTrue(reviews)
        self.assertEqual(set(reviews.order_id.mapped("pipeline_stage")), {history.FEEDBACK})
        for review in reviews:
            self.assertIn(review.product_tmpl_id, review.order_id.order_line.product_template_id)
            self.assertEqual(review.message_id.author_id, review.order_id.partner_id)
            self.assertEqual(review.rating_id.partner_id, review.order_id.partner_id)
            self.assertTrue(1 <= review.rating <= 5 and review.message_id.body)
        rated = self.shoes.filtered("rating_count")
        self.assertTrue(rated, "product pages show ratings")
        self.assertTrue(all(1 <= shoe.rating_avg <= 5 for shoe in rated))
