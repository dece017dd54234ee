from datetime import timedelta

from odoo import Command, api, fields, models

from odoo.addons.sale_order_pipeline.models.sale_order import replaying_history

from ..lib import aftersale, history
from .stride_demo_builder import SEED

ORDER_COUNT = 200
# Days from the order to each of its later documents.
DELIVERY_DAYS = 2
INVOICE_DAYS = 3
PAYMENT_DAYS = 10
# When each fulfilment stage was reached, after the order.
STAGE_DELAYS = {
    history.CONFIRMED: timedelta(hours=1),
    history.PACKAGING: timedelta(days=1),
    history.SHIPPING: timedelta(days=DELIVERY_DAYS),
    history.DELIVERED: timedelta(days=DELIVERY_DAYS + 3),
    history.FEEDBACK: timedelta(days=DELIVERY_DAYS + 5),
    history.CANCELLED: timedelta(hours=5),
}
# Pipeline stages from which an order can still be cancelled (sale_order_pipeline's rules).
CANCELLABLE_STAGES = (history.AWAITING, history.CONFIRMED, history.PACKAGING)


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """The order history: 18 months of orders along the fulfilment pipeline, replayed without notifications."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        return super()._stride_demo_steps() + [
            (40, "_demo_plan_history"),
            (50, "_demo_retire_generic_orders"),
            (51, "_demo_orders"),
        ]

    def _demo_plan_history(self, shop):
        """The plans of the stock levels and of the orders, with recent sales on the variants left below minimum."""
        variants = len(shop["variants"])
        shop["stock"] = stock = history.plan_stock(SEED, variants)
        shop["plans"] = history.plan_orders(
            SEED, shop["today"], len(shop["partners"]), variants, ORDER_COUNT, regular=shop["regular"],
            recent=history.low_variants(stock),
        )

    def _demo_retire_generic_orders(self, shop):
        """Odoo's furniture demo orders are not ours to fulfil: cancel the open ones, take the shipped ones as received.

        The fulfilment board then only shows the shoe shop's own work.
        """
        manager = shop["users"]["manager"]
        data = self.env["ir.model.data"].search([
            ("module", "in", self._generic_modules().mapped("name")), ("model", "=", "sale.order"),
        ])
        orders = self.env["sale.order"].browse(data.mapped("res_id")).exists()
        orders.filtered(lambda order: order.pipeline_stage in CANCELLABLE_STAGES)._action_cancel()
        in_transit = orders.filtered(lambda order: order.pipeline_stage == history.SHIPPING)
        with replaying_history():
            in_transit.with_user(manager).action_pipeline_confirm_receipt()

    def _demo_orders(self, shop):
        """Create the orders oldest first, then move each as far as its plan says, through the pipeline's steps.

        Replaying eighteen months of orders must not queue some 1,500 e-mails to made-up customers nor fill the
        team's inbox: the pipeline's ``replaying_history`` keeps them quiet; the stage history is recorded as usual.
        """
        with replaying_history():
            shop["orders"] = self._play_orders(shop["plans"], shop["partners"], shop["variants"], shop["users"])

    def _play_orders(self, plans, partners, variants, users):
        """The orders of the plans, in the same order, each moved as far as its plan says."""
        website = self.env["website"].get_current_website()
        salespeople = (users["manager"], users["support"])
        SaleOrder = self.env["sale.order"]
        orders = SaleOrder.create([
            {
                "partner_id": partners[plan.customer].id,
                "date_order": self._at_shop_hours(plan.date, index),
                "user_id": salespeople[index % 2].id,
                "website_id": website.id if index % 3 else False,
                "order_line": [
                    Command.create({"product_id": variants[variant].id, "product_uom_qty": quantity})
                    for variant, quantity in plan.lines
                ],
            }
            for index, plan in enumerate(plans)
        ])
        by_stage = dict.fromkeys(history.ORDER_STAGES, SaleOrder)
        packing = SaleOrder
        for plan, order in zip(plans, orders):
            by_stage[plan.stage] |= order
            if plan.pipeline == history.PACKAGING:
                packing |= order
        dates = {order: order.date_order for order in orders}

        by_stage["sent"].action_quotation_sent()
        by_stage["cancel"]._action_cancel()
        shipped = by_stage["delivered"] | by_stage["invoiced"] | by_stage["locked"]
        # Ship first, then confirm the open orders: their reservations must not take the stock shipped before.
        shipped.action_confirm()
        parcels = {order.id: history.tracking_number(index) for index, order in enumerate(orders) if order in shipped}
        self._ship(shipped, dates, parcels=(self._create_carrier(), parcels))
        by_stage["sale"].action_confirm()
        # Half of the open orders are being packed: the warehouse took the packing request, nothing left the shelves
        # yet (goods half-way in the packing zone would stop anyone from simplifying the delivery steps).
        packing.with_user(users["warehouse"]).action_pipeline_advance()
        for order in shipped | by_stage["sale"]:
            order.date_order = dates[order]
        invoiced = by_stage["invoiced"] | by_stage["locked"]
        self._invoice(invoiced, dates, paid=by_stage["locked"])
        self._record_carrier_updates(plans, orders, dates)
        self._deliver(plans, orders, users)
        self._review_products(plans, orders, variants, dates)
        by_stage["locked"].action_lock()
        self._date_history(orders, dates)
        return orders

    def _create_carrier(self):
        product = self.env["product.product"].create({
            "name": "Stride Express delivery", "type": "service", "list_price": 0.0, "sale_ok": False,
        })
        carrier = self.env["delivery.carrier"].create({
            "name": "Stride Express",
            "delivery_type": "fixed",
            "fixed_price": 0.0,
            "product_id": product.id,
            "tracking_url": "https://track.stride.example.com/?number=<shipmenttrackingnumber>",
        })
        self._register_xmlids({"stride_demo.delivery_carrier_express_demo": carrier})
        return carrier

    def _ship(self, orders, dates, parcels):
        """Validate the pick, pack and ship operations of the orders, one step at a time for all of them.

        ``parcels`` is (carrier, {order id: tracking number}): the deliveries carry them, and the pipeline copies them
        onto their orders.
        """
        Picking = self.env["stock.picking"]
        carrier, numbers = parcels
        # Each step's transfer appears once the previous step is done: search again after every step.
        while ready := Picking.search([("sale_id", "in", orders.ids), ("state", "=", "assigned")]):
            for picking in ready.filtered(lambda picking: picking.picking_type_code == "outgoing"):
                picking.write({"carrier_id": carrier.id, "carrier_tracking_ref": numbers[picking.sale_id.id]})
            ready.move_ids.picked = True
            ready.with_context(skip_backorder=True, skip_sms=True).button_validate()
        for picking in Picking.search([("sale_id", "in", orders.ids)]):
            done = dates[picking.sale_id] + timedelta(days=DELIVERY_DAYS)
            picking.write({"scheduled_date": done, "date_done": done})
            picking.move_ids.write({"date": done})

    def _invoice(self, orders, dates, paid):
        today = fields.Date.context_today(self)
        invoices = orders._create_invoices(grouped=True)
        for invoice in invoices:
            order = invoice.line_ids.sale_line_ids.order_id
            invoice.invoice_date = min(today, (dates[order] + timedelta(days=INVOICE_DAYS)).date())
        invoices.action_post()
        to_pay = invoices.filtered(lambda invoice: invoice.line_ids.sale_line_ids.order_id & paid)
        # One payment per invoice, registered a month at a time: much faster than invoice by invoice.
        for month_invoices in to_pay.grouped(lambda invoice: invoice.invoice_date.replace(day=1)).values():
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=month_invoices.ids,
            ).create({
                "group_payment": False,
                "payment_date": min(today, max(month_invoices.mapped("invoice_date")) + timedelta(days=PAYMENT_DAYS)),
            }).action_create_payments()

    def _record_carrier_updates(self, plans, orders, dates):
        """The carrier's updates on the parcels, while they are on their way (the pipeline takes them only then)."""
        now = fields.Datetime.now()
        updates = aftersale.plan_carrier_updates(SEED, plans, [order.partner_id.city or "" for order in orders])
        self.env["sale.order.transit.event"].create([
            {
                "order_id": orders[index].id,
                "status": update.status,
                "location": update.location,
                "event_time": min(now, dates[orders[index]] + timedelta(days=DELIVERY_DAYS, hours=update.hours)),
            }
            for index, trail in sorted(updates.items())
            for update in trail
        ])

    def _deliver(self, plans, orders, users):
        """Parcels received and rated: the demo customer says so from the portal, the others through the team."""
        customer = users["customer"]
        for plan, order in zip(plans, orders):
            if plan.pipeline not in (history.DELIVERED, history.FEEDBACK):
                continue
            who = customer if order.partner_id == customer.partner_id else users["manager"]
            order.with_user(who).action_pipeline_confirm_receipt()
            if plan.pipeline == history.FEEDBACK:
                order.with_user(who).action_pipeline_leave_feedback(plan.rating, plan.comment or False)

    def _review_products(self, plans, orders, variants, dates):
        """Some rated orders also review their shoes: the customer's rated comment on the product's page.

        Written as the customer would through the portal (most demo customers have no login to do it themselves).
        """
        now = fields.Datetime.now()
        model_id = self.env["ir.model"]._get_id("product.template")
        reviews = [
            (orders[index], variants[review.variant].product_tmpl_id, review)
            for index, order_reviews in sorted(aftersale.plan_reviews(SEED, plans).items())
            for review in order_reviews
        ]
        # Two sizes of one shoe in an order make one review of that shoe.
        reviews = list({(order, product): (order, product, review) for order, product, review in reviews}.values())
        ratings = self.env["rating.rating"].sudo().create([
            {
                "res_model_id": model_id,
                "res_id": product.id,
                "partner_id": order.partner_id.id,
                "rating": review.stars,
                "feedback": review.comment,
                "consumed": True,
            }
            for order, product, review in reviews
        ])
        values = []
        for (order, product, review), rating in zip(reviews, ratings):
            message = product.sudo().message_post(
                author_id=order.partner_id.id,
                body=review.comment,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                rating_id=rating.id,
            )
            message.date = min(now, dates[order] + STAGE_DELAYS[history.FEEDBACK])
            values.append({
                "order_id": order.id,
                "product_tmpl_id": product.id,
                "partner_id": order.partner_id.id,
                "message_id": message.id,
                "rating_id": rating.id,
            })
        self.env["sale.order.product.review"].sudo().create(values)

    def _date_history(self, orders, dates):
        """Date each stage change after its order, as it would have happened, not when the demo was built."""
        now = fields.Datetime.now()
        moves = self.env["sale.order.stage.history"].sudo().search([("order_id", "in", orders.ids)])
        for move in moves:
            move.date = min(now, dates[move.order_id] + STAGE_DELAYS.get(move.stage, timedelta()))
