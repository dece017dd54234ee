from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.loyalty_tier import pre_init_hook

from .common_campaign import LoyaltyCampaignCase


@tagged("post_install", "-at_install")
class TestInstallOverExistingCards(LoyaltyCampaignCase):
    """The install fills the stored campaign results of existing cards in SQL: they must be what the compute gives."""

    def _stored_campaign_results(self, cards):
        return self.env.execute_query(
            SQL(
                "SELECT id, campaign_redeemed, campaign_revenue FROM loyalty_card WHERE id = ANY(%s) ORDER BY id",
                cards.ids,
            )
        )

    def test_install_fills_the_campaign_results_the_compute_gives(self):
        # A coupon used on a confirmed order before the addon: campaigns did not exist, so it belongs to none.
        coupon = self.env["loyalty.card"].create(
            {"program_id": self.coupons_program.id, "partner_id": self.gold_en.id, "points": 1}
        )
        order = self._order(self.gold_en)
        self._redeem(order, coupon)
        order.action_confirm()
        self.assertEqual(coupon.campaign_order_line_ids.order_id.state, "sale")
        cards = self.cards | coupon
        # The cards as they are before the install: without the columns.
        self.env.flush_all()
        self.env.cr.execute(SQL("ALTER TABLE loyalty_card DROP COLUMN campaign_redeemed, DROP COLUMN campaign_revenue"))
        self.env.invalidate_all()

        pre_init_hook(self.env)
        filled = self._stored_campaign_results(cards)
        self.assertEqual(filled, [(card.id, False, 0) for card in cards.sorted("id")])

        # The same cards computed by the ORM, from empty columns so that an unwritten value cannot pass.
        self.env.cr.execute(
            SQL(
                "UPDATE loyalty_card SET campaign_redeemed = NULL, campaign_revenue = NULL WHERE id = ANY(%s)",
                cards.ids,
            )
        )
        self.env.invalidate_all()
        for fname in ("campaign_redeemed", "campaign_revenue"):
            self.env.add_to_compute(cards._fields[fname], cards)
        self.env.flush_all()
        self.assertEqual(self._stored_campaign_results(cards), filled)

    def test_install_leaves_nothing_for_the_orm_to_compute(self):
        self.env.flush_all()
        self.env.cr.execute(SQL("ALTER TABLE loyalty_card DROP COLUMN campaign_redeemed, DROP COLUMN campaign_revenue"))
        pre_init_hook(self.env)
        # Odoo computes a stored field on every existing record when it has to create its column ("Prepare
        # computation of ..."); the hook made the columns of the fields, with the fields' own types.
        with self.assertNoLogs("odoo.models", "INFO"), self.assertNoLogs("odoo.schema", "DEBUG"):
            self.registry.init_models(self.env.cr, ["loyalty.card"], {"module": "loyalty_tier"}, install=False)
