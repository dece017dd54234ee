"""The demo logins per role and the groups (XML ids) each role gets; the password of a demo login is its login."""

ROLE_GROUPS = {
    "manager": (
        "base.group_user",
        "sales_team.group_sale_manager",
        "product.group_product_manager",
        "stock.group_stock_manager",
        "purchase.group_purchase_manager",
    ),
    "warehouse": ("base.group_user", "stock.group_stock_user"),
    "support": ("base.group_user", "sales_team.group_sale_salesman", "im_livechat.im_livechat_group_user"),
    "customer": ("base.group_portal",),
    # Customer Insight (crm_customer_insight): an agent working the customers assigned to them, and a manager of
    # every customer, segment and suggestion who may block or unblock a customer.
    "agent": ("base.group_user", "crm_customer_insight.group_customer_insight_agent"),
    "crm_manager": ("base.group_user", "crm_customer_insight.group_customer_insight_manager"),
}

ROLE_NAMES = {
    "manager": "Mai Manager",
    "warehouse": "Wes Warehouse",
    "support": "Sam Support",
    "agent": "Ana Agent",
    "crm_manager": "Carla CRM Manager",
}
