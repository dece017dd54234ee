from odoo import Command
from odoo.tests import new_test_user


class CareCaseCommon:
    """Records the care tests build for themselves: a care team of two, two portal customers with an order each."""

    @classmethod
    def _care_setup(cls):
        cls.agent_1 = cls._care_agent("care_test_agent_1", "Alma Agent")
        cls.agent_2 = cls._care_agent("care_test_agent_2", "Bao Agent")
        # The first team shown on the portal, before any other the database has (OCA's demo teams, the demo
        # shop's care team): the portal's cases go to it.
        first = min(cls.env["helpdesk.ticket.team"].search([]).mapped("sequence"), default=1) - 1
        cls.team = cls.env["helpdesk.ticket.team"].create({
            "name": "Test Care Team",
            "sequence": first,
            "user_ids": [Command.set((cls.agent_1 | cls.agent_2).ids)],
            "assign_method": "round_robin",
            "alias_name": "care-test",
        })
        cls.customer = new_test_user(
            cls.env, login="care_test_customer_a", password="care_test_customer_a", groups="base.group_portal",
            name="Cam Customer", email="cam.customer@example.com",
        )
        cls.other_customer = new_test_user(
            cls.env, login="care_test_customer_b", password="care_test_customer_b", groups="base.group_portal",
            name="Dao Customer", email="dao.customer@example.com",
        )
        cls.product = cls.env["product.product"].create({"name": "Test Trail Runner", "type": "consu"})
        cls.order = cls._care_order(cls.customer.partner_id)
        cls.other_order = cls._care_order(cls.other_customer.partner_id)
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @classmethod
    def _care_agent(cls, login, name):
        return new_test_user(
            cls.env, login=login, password=login, name=name, email=f"{login}@example.com",
            groups="helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman",
        )

    @classmethod
    def _care_order(cls, partner):
        order = cls.env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 1, "price_unit": 90})],
        })
        order.action_confirm()
        return order

    def _case(self, **values):
        return self.env["helpdesk.ticket"].create({
            "name": "My trail runners squeak",
            "description": "<p>Left shoe squeaks.</p>",
            "team_id": self.team.id,
            "partner_id": self.customer.partner_id.id,
            **values,
        })
