from odoo import Command, api, fields, models
from odoo.tools import plaintext2html

from .stride_demo_builder import demo_xmlid

# The cases the demo shows: (customer: "portal" for the portal login, else the n-th other buyer; subject; done?).
CASES = (
    ("portal", "My trail runners squeak at every step", False),
    (0, "Parcel arrived with a torn box", False),
    (1, "Can I swap size 42 for 43?", False),
    (2, "Thank you for the quick exchange", True),
)


# One file per subject is the point of the builder (see readme/DEVELOP.md), hence several classes inheriting it.
class StrideDemoBuilder(models.AbstractModel):
    """Customer care (helpdesk_mgmt_customer_care): the care team of the support login and the manager, with an SLA,
    a few open cases about demo orders assigned by the team's rule, and one done case the customer rated."""

    _inherit = "stride.demo.builder"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stride_demo_steps(self):
        # 120: after the order history (51) and Customer Insight (70), whose support login it puts on the care team.
        return super()._stride_demo_steps() + [(120, "_demo_care")]

    def _demo_care(self, shop):
        users = shop["users"]
        support, manager = users["support"], users["manager"]
        # The support login is the care executive: every case, and the customers' Customer Insight pages to read.
        support.group_ids = [Command.link(self.env.ref("helpdesk_mgmt.group_helpdesk_user").id),
                             Command.link(self.env.ref("crm_customer_insight.group_customer_insight_readonly").id)]
        manager.group_ids = [Command.link(self.env.ref("helpdesk_mgmt.group_helpdesk_manager").id)]
        team = self.env["helpdesk.ticket.team"].create({
            "name": "Customer Care",
            "sequence": 1,  # first on the portal: the customers' cases come to it
            "user_id": manager.id,
            "user_ids": [Command.set((support | manager).ids)],
            "assign_method": "balanced",
            "alias_name": "care",
            "use_sla": True,
        })
        sla = self.env["helpdesk.sla"].create({
            "name": "First answer within 8 working hours",
            "team_ids": [Command.set(team.ids)],
            "stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id,
            "hours": 8,
        })
        orders = self._demo_care_orders(shop)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cases = self.env["helpdesk.ticket"].create([
            {
                "name": subject,
                "description": plaintext2html(subject),
                "team_id": team.id,
                "partner_id": orders[customer].partner_id.id,
                "sale_order_ids": [Command.set(orders[customer].ids)],
                "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
                **({"stage_id": done.id, "closed_date": fields.Datetime.now()} if closed else {}),
            }
            for customer, subject, closed in CASES
        ])
        rated = cases.filtered("closed")
        # The customer's answer to the survey, recorded as the rating page would (without mailing anybody).
        self.env["rating.rating"].create({
            "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
            "res_id": rated.id,
            "partner_id": rated.partner_id.id,
            "rated_partner_id": rated.user_id.partner_id.id,
            "rating": 5,
            "feedback": "Quick and kind, thank you!",
            "consumed": True,
        })
        self._register_xmlids({
            demo_xmlid("helpdesk_ticket_team", "care"): team,
            demo_xmlid("helpdesk_sla", "first_answer"): sla,
            **{demo_xmlid("helpdesk_ticket_care", str(number)): case for number, case in enumerate(cases, start=1)},
        })
        shop["care"] = {"team": team, "cases": cases}

    def _demo_care_orders(self, shop):
        """The latest confirmed order of the portal login's customer and of a few other buyers, by the cases' keys."""
        portal_partner = shop["users"]["customer"].partner_id
        latest = {}
        for order in shop["orders"].filtered(lambda order: order.state == "sale").sorted("date_order", reverse=True):
            latest.setdefault(order.partner_id, order)
        others = [order for partner, order in latest.items() if partner != portal_partner]
        return {"portal": latest[portal_partner], **dict(enumerate(others))}
