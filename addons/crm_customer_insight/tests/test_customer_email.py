from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerEmailUnique(TransactionCase):
    """One customer per e-mail address, whatever its case or spelling; the message points to Odoo's merge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = new_test_user(
            cls.env, "email_manager", groups="crm_customer_insight.group_customer_insight_manager"
        )
        cls.partners = cls.env["res.partner"].with_user(cls.manager)
        cls.ana = cls.env["res.partner"].create({"name": "Ana Pereira", "email": "ana@example.com", "customer_rank": 1})

    def test_a_second_customer_with_the_same_email_is_refused_with_the_merge_path(self):
        for email in ("ana@example.com", "  ANA@Example.COM ", '"Ana P." <Ana@example.com>'):
            with self.subTest(email=email), self.assertRaises(ValidationError) as refusal:
                self.partners.create({"name": "Ana again", "email": email, "customer_rank": 1})
            self.assertIn("Ana Pereira", str(refusal.exception))
            self.assertIn("Merge", str(refusal.exception))

    def test_editing_a_customers_email_onto_another_customers_is_refused(self):
        bob = self.partners.create({"name": "Bob", "email": "bob@example.com", "customer_rank": 1})
        with self.assertRaises(ValidationError):
            bob.email = "Ana@Example.com"

    def test_a_partner_with_orders_counts_as_a_customer(self):
        buyer = self.env["res.partner"].create({"name": "Order-only buyer", "email": "buyer@example.com"})
        product = self.env["product.product"].create({"name": "Sock"})
        self.env["sale.order"].create(
            {"partner_id": buyer.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        with self.assertRaises(ValidationError):
            self.partners.create({"name": "Second buyer", "email": "BUYER@example.com", "customer_rank": 1})

    def test_contacts_of_a_company_and_non_customers_may_share_an_email(self):
        company = self.partners.create({"name": "Ana's shop", "is_company": True, "customer_rank": 1})
        contact = self.partners.create({"name": "Ana at work", "email": "ana@example.com", "parent_id": company.id})
        supplier = self.partners.create({"name": "Ana supplies", "email": "ana@example.com"})
        self.assertTrue(contact and supplier)

    def test_two_new_customers_with_one_email_in_one_import_are_refused(self):
        with self.assertRaises(ValidationError):
            self.partners.create(
                [
                    {"name": "Twin A", "email": "twin@example.com", "customer_rank": 1},
                    {"name": "Twin B", "email": "Twin@example.com", "customer_rank": 1},
                ]
            )

    def test_the_check_costs_one_query_per_batch_whatever_its_size(self):
        def create(count, start):
            vals = [
                {"name": f"Bulk {n}", "email": f"bulk{n}@example.com", "customer_rank": 1}
                for n in range(start, start + count)
            ]
            self.env.flush_all()
            queries_before = self.env.cr.sql_log_count
            partners = self.partners.create(vals)
            self.env.flush_all()
            return self.env.cr.sql_log_count - queries_before, partners

        def check(partners):
            queries_before = self.env.cr.sql_log_count
            partners._check_insight_email_unique()
            return self.env.cr.sql_log_count - queries_before

        create(3, 0)  # warm the caches
        (few, few_partners), (many, many_partners) = create(5, 100), create(50, 200)
        # The check itself is one query for 5 or 50 new customers.
        self.assertEqual(check(few_partners), 1)
        self.assertEqual(check(many_partners), 1)
        # So is the whole creation, unless an audit trail on partners (stride_audit, in the whole suite) logs each
        # new partner: its queries grow with the batch whatever this check does.
        if not self._partners_are_audited():
            self.assertEqual(few, many)

    def _partners_are_audited(self):
        return "auditlog.rule" in self.env and bool(self.env["auditlog.rule"].sudo().search_count(
            [("model_id.model", "=", "res.partner"), ("state", "=", "confirmed")]
        ))
