from ast import literal_eval
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import AuditCase


@tagged("post_install", "-at_install")
class TestAuditedModels(AuditCase):
    """One change per audited model: who made it, when, the old and the new value."""

    def test_customer_created_changed_and_deleted(self):
        partner = self.env["res.partner"].with_user(self.editor).create({"name": "Lan", "email": "lan@a.example"})
        self.assertChangeLogged(partner, "create", "email", False, "lan@a.example")
        partner.with_user(self.editor).write({"email": "lan@b.example", "city": "Hanoi"})
        log = self.assertChangeLogged(partner, "write", "email", "lan@a.example", "lan@b.example")
        self.assertEqual(set(log.line_ids.mapped("field_name")), {"email", "city"})
        partner.with_user(self.editor).unlink()
        self.assertEqual(self._logs(partner, "unlink").user_id, self.editor)

    def test_customer_status_change(self):
        partner = self.env["res.partner"].create({"name": "Minh Tran"})
        if "customer_status" not in partner._fields:
            self.skipTest("crm_customer_insight is not installed")
        partner.customer_status = "vip"  # (a Customer Insight field: the administrator sets it)
        self.assertChangeLogged(partner, "write", "customer_status", "active", "vip", user=self.env.user)

    def test_order_state_change(self):
        self._skip_unless_installed("sale.order")
        order = self._order(self.env["res.partner"].create({"name": "Hoa Le"}))
        order.with_user(self.editor).action_confirm()
        self.assertChangeLogged(order, "write", "state", "draft", "sale")
        self.assertFalse(self._logs(order, "create"), "order creation is not audited")

    def _order(self, partner):
        product = self.env["product.product"].create({"name": "Trail Runner 42", "list_price": 100.0})
        return self.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        })

    def test_cart_and_quotation_edits_are_not_audited_until_confirmed(self):
        self._skip_unless_installed("sale.order")
        partner = self.env["res.partner"].create({"name": "Hoa Le"})
        home, office = self.env["res.partner"].create([
            {"name": "Home", "parent_id": partner.id, "type": "delivery"},
            {"name": "Office", "parent_id": partner.id, "type": "delivery"},
        ])
        order = self._order(partner)
        rule_class = self.registry["auditlog.rule"]
        with patch.object(rule_class, "create_logs", autospec=True, side_effect=rule_class.create_logs) as logs:
            order.with_user(self.editor).partner_shipping_id = home  # a cart's address, as the shop writes it
            order.with_user(self.editor).write({"state": "sent"})  # the quotation is sent: its state is audited
            self.assertEqual(logs.call_count, 1)
            order.with_user(self.editor).partner_shipping_id = office  # a sent quotation's address
            self.assertEqual(logs.call_count, 1, "no read of the quotation for the audit")
        log = self._logs(order, "write")
        self.assertEqual(log.line_ids.mapped("field_name"), ["state"])
        # (auditlog reads old values from the database: the shopper confirms in a later request, once the edits are
        # saved)
        self.env.flush_all()
        order.with_user(self.editor).action_confirm()
        self.assertChangeLogged(order, "write", "state", "sent", "sale")
        self.assertFalse(
            self._logs(order, "write").line_ids.filtered(lambda line: line.field_name == "partner_shipping_id"),
        )

    def test_confirmed_order_customer_change(self):
        self._skip_unless_installed("sale.order")
        partner, other = self.env["res.partner"].create([{"name": "Hoa Le"}, {"name": "Minh Tran"}])
        order = self._order(partner)
        order.action_confirm()
        rule_class = self.registry["auditlog.rule"]
        with patch.object(rule_class, "create_logs", autospec=True, side_effect=rule_class.create_logs) as logs:
            order.with_user(self.editor).show_update_pricelist = False  # not stored, no inverse: nothing to audit
            self.assertFalse(logs.called)
        order.with_user(self.editor).partner_id = other
        log = self._logs(order, "write")[-1]
        self.assertEqual(log.user_id, self.editor)
        line = log.line_ids.filtered(lambda line: line.field_name == "partner_id")
        self.assertIn("Hoa Le", line.old_value_text)
        self.assertIn("Minh Tran", line.new_value_text)

    def test_product_price_change(self):
        self._skip_unless_installed("product.template")
        template = self.env["product.template"].create({"name": "Road Racer", "list_price": 90.0})
        template.with_user(self.editor).list_price = 99.5
        self.assertChangeLogged(template, "write", "list_price", "90.0", "99.5")

    def test_variant_price_extra_change(self):
        self._skip_unless_installed("product.template.attribute.value")
        attribute = self.env["product.attribute"].create({
            "name": "Width", "value_ids": [Command.create({"name": "Wide"}), Command.create({"name": "Narrow"})],
        })
        template = self.env["product.template"].create({
            "name": "Hiker",
            "attribute_line_ids": [Command.create({
                "attribute_id": attribute.id, "value_ids": [Command.set(attribute.value_ids.ids)],
            })],
        })
        wide = template.attribute_line_ids.product_template_value_ids[:1]
        wide.with_user(self.editor).price_extra = 7.5
        self.assertChangeLogged(wide, "write", "price_extra", "0.0", "7.5")

    def test_pricelist_rule_change(self):
        self._skip_unless_installed("product.pricelist.item")
        pricelist = self.env["product.pricelist"].create({"name": "Club"})
        item = self.env["product.pricelist.item"].with_user(self.editor).create({
            "pricelist_id": pricelist.id, "compute_price": "percentage", "percent_price": 10.0,
        })
        self.assertChangeLogged(item, "create", "percent_price", False, "10.0")
        item.with_user(self.editor).percent_price = 15.0
        self.assertChangeLogged(item, "write", "percent_price", "10.0", "15.0")

    def test_stock_threshold_change(self):
        self._skip_unless_installed("stock.warehouse.orderpoint")
        product = self.env["product.product"].create({"name": "Trail Runner 43", "is_storable": True})
        orderpoint = self.env["stock.warehouse.orderpoint"].create({
            "product_id": product.id, "product_min_qty": 5, "product_max_qty": 20,
        })
        orderpoint.with_user(self.editor).product_min_qty = 8
        self.assertChangeLogged(orderpoint, "write", "product_min_qty", "5.0", "8.0")

    def test_category_threshold_default_change(self):
        self._skip_unless_installed("product.category")
        category = self.env["product.category"].create({"name": "Trail"})
        if "threshold_min_qty" not in category._fields:
            self.skipTest("stock_threshold_alert is not installed")
        category.with_user(self.editor).write({"threshold_min_qty": 4, "threshold_max_qty": 12})
        self.assertChangeLogged(category, "write", "threshold_min_qty", "0.0", "4.0")

    def _loyalty_card(self):
        program = self.env["loyalty.program"].create({"name": "Stride Club", "program_type": "loyalty"})
        partner = self.env["res.partner"].create({"name": "Thu Pham"})
        return self.env["loyalty.card"].create({"program_id": program.id, "partner_id": partner.id, "points": 10})

    def test_loyalty_points_change(self):
        self._skip_unless_installed("loyalty.card")
        card = self._loyalty_card()
        card.with_user(self.editor).points = 25
        self.assertChangeLogged(card, "write", "points", "10.0", "25.0")
        self.assertFalse(self._logs(card, "create"), "card creation is not audited")

    def test_loyalty_history_change_and_deletion(self):
        self._skip_unless_installed("loyalty.history")
        card = self._loyalty_card()
        entry = self.env["loyalty.history"].create({"card_id": card.id, "description": "Opening", "issued": 10})
        self.assertFalse(self._logs(entry, "create"), "history entries are written by every order: not audited")
        entry.with_user(self.editor).issued = 12
        self.assertChangeLogged(entry, "write", "issued", "10.0", "12.0")
        entry.unlink()  # (loyalty managers may not delete history: an administrator does)
        self.assertEqual(self._logs(entry, "unlink").user_id, self.env.user)

    def test_loyalty_tier_change(self):
        self._skip_unless_installed("loyalty.tier")
        program = self.env["loyalty.program"].create({"name": "Stride Club", "program_type": "loyalty"})
        tier = self.env["loyalty.tier"].with_user(self.editor).create({
            "program_id": program.id, "name": "Gold", "min_spend": 500,
        })
        self.assertChangeLogged(tier, "create", "min_spend", False, "500.0")
        tier.with_user(self.editor).min_spend = 800
        self.assertChangeLogged(tier, "write", "min_spend", "500.0", "800.0")

    def test_user_login_and_rights_change(self):
        user = self.env["res.users"].create({"name": "Clerk", "login": "stride_audit_clerk"})
        user.with_user(self.editor).login = "stride_audit_clerk2"
        self.assertChangeLogged(user, "write", "login", "stride_audit_clerk", "stride_audit_clerk2")
        settings = self.env.ref("base.group_system")
        user.with_user(self.editor).group_ids = [Command.link(settings.id)]
        log = self._logs(user, "write")[-1]
        line = log.line_ids.filtered(lambda line: line.field_name == "group_ids")
        self.assertNotIn(settings.id, literal_eval(line.old_value))
        self.assertIn(settings.id, literal_eval(line.new_value))

    def test_group_members_change(self):
        user = self.env["res.users"].create({"name": "Packer", "login": "stride_audit_packer"})
        group = self.env["res.groups"].create({"name": "Stride audit test group"})
        group.with_user(self.editor).user_ids = [Command.link(user.id)]
        self.assertChangeLogged(group, "write", "user_ids", "[]", str([(user.id, "Packer")]))
