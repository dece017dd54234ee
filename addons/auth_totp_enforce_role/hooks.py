# Administrators and the managers of the apps the shop runs on; a group whose app is not installed is skipped.
DEFAULT_REQUIRED_GROUPS = (
    "base.group_system",
    "base.group_erp_manager",
    "sales_team.group_sale_manager",
    "stock.group_stock_manager",
    "purchase.group_purchase_manager",
    "account.group_account_manager",
)


def _require_totp_for_default_groups(env):
    for xmlid in DEFAULT_REQUIRED_GROUPS:
        group = env.ref(xmlid, raise_if_not_found=False)
        if group:
            group.totp_required = True
