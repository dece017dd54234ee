from ast import literal_eval

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain


class LoyaltyCampaign(models.Model):
    _name = "loyalty.campaign"
    _description = "Loyalty Campaign"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    loyalty_program_id = fields.Many2one(
        "loyalty.program",
        string="Members of",
        domain="[('program_type', '=', 'loyalty'), ('company_id', 'in', (company_id, False))]",
        help="Target the members of this loyalty program (all of them, or those of the tiers below).",
    )
    tier_ids = fields.Many2many(
        "loyalty.tier",
        string="Tiers",
        domain="[('program_id', '=', loyalty_program_id)]",
        help="Only the members of these tiers (empty: every member of the program).",
    )
    partner_domain = fields.Char(
        string="Customers",
        default="[]",
        help="Target the customers matching this filter (with a loyalty program: its members matching it).",
    )
    coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon program",
        required=True,
        domain="[('program_type', '=', 'coupons'), ('company_id', 'in', (company_id, False))]",
        help="The coupons program whose rewards the personal codes give.",
    )
    currency_id = fields.Many2one(related="coupon_program_id.currency_id")
    coupon_points = fields.Float(string="Points per coupon", default=1.0, required=True)
    valid_until = fields.Date(string="Coupons valid until")
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain="[('model', '=', 'loyalty.card')]",
        default=lambda self: self.env.ref("loyalty_tier.mail_template_loyalty_campaign", raise_if_not_found=False),
        help="Sent to each customer with their code, in their language (empty: the coupon program's own mail).",
    )
    launch_date = fields.Datetime(readonly=True, copy=False)
    coupon_ids = fields.One2many("loyalty.card", "campaign_id", string="Coupons", readonly=True)
    target_count = fields.Integer(string="Customers to reach", compute="_compute_target_count")
    coupon_count = fields.Integer(string="Coupons issued", compute="_compute_results")
    redeemed_count = fields.Integer(string="Coupons redeemed", compute="_compute_results")
    redemption_rate = fields.Float(string="Redemption rate (%)", compute="_compute_results")
    revenue = fields.Monetary(
        compute="_compute_results",
        help="Untaxed amount of the confirmed orders that used "
        "the campaign's coupons, in the coupon program's currency.",
    )

    _coupon_points_positive = models.Constraint("CHECK (coupon_points > 0)", "A coupon must grant some points.")

    @api.depends("loyalty_program_id", "tier_ids", "partner_domain", "coupon_ids.partner_id")
    def _compute_target_count(self):
        for campaign in self:
            targeted = campaign.loyalty_program_id or not campaign._partner_domain().is_true()
            campaign.target_count = self.env["res.partner"].search_count(campaign._target_domain()) if targeted else 0

    @api.depends("coupon_ids.campaign_redeemed", "coupon_ids.campaign_revenue")
    def _compute_results(self):
        self.coupon_count = self.redeemed_count = self.redemption_rate = self.revenue = 0
        for campaign, redeemed, count, revenue in self.env["loyalty.card"]._read_group(
            [("campaign_id", "in", self.ids)],
            ["campaign_id", "campaign_redeemed"],
            ["__count", "campaign_revenue:sum"],
        ):
            campaign.coupon_count += count
            campaign.redeemed_count += redeemed and count
            campaign.revenue += revenue
        for campaign in self.filtered("coupon_count"):
            campaign.redemption_rate = 100.0 * campaign.redeemed_count / campaign.coupon_count

    @api.constrains("partner_domain")
    def _check_partner_domain(self):
        for campaign in self:
            try:
                self.env["res.partner"].search_count(campaign._partner_domain(), limit=1)
            except (ValueError, SyntaxError, KeyError, TypeError) as error:
                raise ValidationError(
                    self.env._("The customer filter of %(campaign)s is not valid.", campaign=campaign.name)
                ) from error

    @api.constrains("coupon_program_id", "loyalty_program_id", "tier_ids")
    def _check_programs(self):
        for campaign in self:
            if campaign.coupon_program_id.program_type != "coupons":
                raise ValidationError(self.env._("A campaign issues the codes of a coupons program."))
            if campaign.tier_ids and campaign.tier_ids.program_id != campaign.loyalty_program_id:
                raise ValidationError(self.env._("The tiers must belong to the campaign's loyalty program."))

    def action_launch(self):
        """Issue a personal coupon to every targeted customer who has none from this campaign yet, and mail it."""
        for campaign in self:
            if campaign.state == "done":
                raise UserError(self.env._("Campaign %(name)s is done.", name=campaign.name))
            if not campaign.loyalty_program_id and campaign._partner_domain().is_true():
                raise UserError(
                    self.env._(
                        "Choose the members of a loyalty program or a customer filter for %(name)s.", name=campaign.name
                    )
                )
            partners = campaign._target_partners()
            if not partners and campaign.state == "draft":
                raise UserError(
                    self.env._("Campaign %(name)s targets no customer with an email address.", name=campaign.name)
                )
            campaign._issue_coupons(partners)
            if campaign.state == "draft":
                campaign.write({"state": "running", "launch_date": fields.Datetime.now()})
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_view_coupons(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("loyalty.loyalty_card_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _partner_domain(self):
        self.ensure_one()
        return Domain(literal_eval(self.partner_domain or "[]"))

    def _target_partners(self):
        return self.env["res.partner"].search(self._target_domain())

    def _target_domain(self):
        """Customers to reach who have not yet received this campaign's coupon: the program's members (of the
        chosen tiers) and/or the partners of the filter, with an email address."""
        self.ensure_one()
        domain = (
            self._partner_domain()
            & Domain("email", "!=", False)
            & Domain("id", "not in", self.coupon_ids.partner_id.ids)
        )
        if self.loyalty_program_id:
            card_domain = Domain("program_id", "=", self.loyalty_program_id.id) & Domain("partner_id", "!=", False)
            if self.tier_ids:
                card_domain &= Domain("tier_id", "in", self.tier_ids.ids)
            members = self.env["loyalty.card"].search_fetch(card_domain, ["partner_id"]).partner_id
            domain &= Domain("id", "in", members.ids)
        return domain

    def _issue_coupons(self, partners):
        """Odoo's own coupon generation, one personal coupon per customer, tagged with this campaign."""
        self.ensure_one()
        if not partners:
            return self.env["loyalty.card"]
        wizard = self.env["loyalty.generate.wizard"].create(
            {
                "program_id": self.coupon_program_id.id,
                "mode": "selected",
                "customer_ids": [Command.set(partners.ids)],
                "points_granted": self.coupon_points,
                "valid_until": self.valid_until,
                "description": self.name,
                "campaign_id": self.id,
            }
        )
        return wizard.generate_coupons()
