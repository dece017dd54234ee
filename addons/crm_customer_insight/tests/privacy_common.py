from odoo.fields import Command
from odoo.tests import new_test_user


class PrivacyCommon:
    """Mixin: one user per Customer Insight role and a portal customer, and a company customer with a contact,
    an order, a mail, a note, an activity and a delivery feedback, assigned to the agent."""

    @classmethod
    def _setup_privacy_records(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env.company.id
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"privacy_{role}",
                name=f"{role.title()} User",
                email=f"{role}@stride.example",
                groups=group,
                company_id=company,
            )
            for role, group in {
                "admin": "crm_customer_insight.group_customer_insight_admin",
                "manager": "crm_customer_insight.group_customer_insight_manager",
                "agent": "crm_customer_insight.group_customer_insight_agent",
                "readonly": "crm_customer_insight.group_customer_insight_readonly",
                "portal": "base.group_portal",
            }.items()
        }
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Lumen Gifts",
                "is_company": True,
                "email": "hello@lumen.example",
                "phone": "+84 912 345 678",
                "street": "12 Hang Bac",
                "city": "Hà Nội",
                "zip": "100000",
                "vat": "0101234567",
                "comment": "<p>Prefers calls after 5 pm</p>",
                "user_id": cls.users["agent"].id,
                "country_id": cls.env.ref("base.vn").id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ana Lumen",
                "parent_id": cls.customer.id,
                "email": "ana@lumen.example",
                "phone": "0912 000 111",
            }
        )
        cls.other_customer = cls.env["res.partner"].create({"name": "Bo Other", "email": "bo@other.example"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Gift Box",
                "list_price": 40.0,
                "type": "service",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.order = cls._privacy_order(cls.contact)
        cls.other_order = cls._privacy_order(cls.other_customer)

    @classmethod
    def _privacy_order(cls, partner):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2, "price_unit": 40.0})
                ],
            }
        )

    @classmethod
    def _privacy_history(cls):
        """A mail from the contact and a note on the customer, an activity on the order, a 5-star feedback."""
        cls.mail = cls.customer.message_post(
            body="Can you gift-wrap the order?",
            author_id=cls.contact.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            subject="Gift wrap",
        )
        cls.note = cls.customer.message_post(
            body="Called back, all good", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.activity = cls.order.activity_schedule(
            "mail.mail_activity_data_call", summary="Call about the engraving", user_id=cls.users["agent"].id
        )
        cls.order.sudo().rating_apply(5, token=cls.order._rating_get_access_token(), feedback="Lovely wrapping")
